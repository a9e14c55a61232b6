# Set-up, run and test on a fresh machine. `make run` and `make test` do all the set-up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .setup-stamps
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PORT ?= 8501

.PHONY: setup run test lint bench browser osmium postgres demo-data clean-cache

## setup: Python venv, map assets (npm), demo data (fetched from PyPI, sha256-checked), osmium-tool
setup: $(STAMPS)/python $(STAMPS)/npm demo-data osmium

$(STAMPS)/python: requirements.txt requirements-dev.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/npm: static/package.json static/package-lock.json
	cd static && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

demo-data: $(STAMPS)/python
	$(PY) -m planner fetch-demo-data

## run: the app on the Monaco demo, offline, at http://localhost:$(PORT)
run: setup
	VIGIE_DEMO=1 $(PY) -m streamlit run app.py --server.port $(PORT)

## browser: Debian Chromium for the browser tests (Playwright drives it; no browser download),
## poppler-utils (pdftoppm) with which the tests render the exported PDF sheets, and python3-qgis
## (QGIS 3.22, for Debian's /usr/bin/python3) with which they open the exported GeoPackages
browser:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null \
		&& /usr/bin/python3 -c "import qgis.core" 2>/dev/null || { \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq chromium poppler-utils python3-qgis >/dev/null; }

## osmium: Debian's osmium-tool, which clips regional extracts to a commune or a box
## (planner.extracts)
osmium:
	@command -v osmium >/dev/null || { \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq osmium-tool >/dev/null; }

## postgres: a local PostgreSQL for the tests (Debian package; tools/local-postgres)
postgres:
	@tools/local-postgres >/dev/null

## test: lint, then every test (unit, AppTest, CLI, browser), the store's against SQLite and a
## real local PostgreSQL
test: setup browser
	$(PY) -m ruff check .
	url=$$(tools/local-postgres) && VIGIE_TEST_DATABASE_URL=$$url $(PY) -m pytest

lint: $(STAMPS)/python
	$(PY) -m ruff check .

## bench: area load, checkpoints, many-to-many routing against per-pair osmnx, plan routing,
## access roles, staffing, a replay step, a million-way regional extract clipped and loaded, one
## planner's actions timed in the browser (p50/p95, server CPU per flow), 20 concurrent browser
## sessions on one server (memory per session)
bench: setup browser
	$(PY) bench/bench_area.py
	$(PY) bench/bench_extract.py
	$(PY) bench/bench_routing.py
	$(PY) bench/bench_roles.py
	$(PY) bench/bench_staffing.py
	$(PY) bench/bench_replay.py
	$(PY) bench/bench_browser.py
	$(PY) bench/bench_load.py

clean-cache:
	$(PY) -c "import shutil, planner.paths as p; shutil.rmtree(p.cache_dir())"
