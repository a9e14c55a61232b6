"""Add texts to Vigie's gettext catalogues (planner/locale/{fr,en}/LC_MESSAGES/vigie.po).

    .venv/bin/python tools/po_catalogue.py add CONTEXT FILE.py
    .venv/bin/python tools/po_catalogue.py add CONTEXT --key KEY --fr "…" --en "…"
    .venv/bin/python tools/po_catalogue.py update CONTEXT FILE.py   (texts changed on a branch)

FILE.py holds one ``{key: {"fr": …, "en": …}}`` dict literal (the form the old hand-written
catalogues had: paste a branch's new entries there); it is read with ``ast.literal_eval``, never
imported. A plural is ``{"fr": ["… {n} zone", "… {n} zones"], "en": [...], "plural": "n"}``.
CONTEXT is the part of the product showing the text: ui, messages, map, sheet, sheet_pages,
highway, effects, legend, after_action. A key the context already has is refused; both files are
rewritten sorted as Babel writes them (``pybabel`` can edit them too).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.i18n import DOMAIN, LANGS, po_path  # noqa: E402

CONTEXTS = ("ui", "messages", "map", "sheet", "sheet_pages", "highway", "effects", "legend",
            "after_action")  # fmt: skip


def load(lang: str) -> Catalog:
    """The catalogue of ``lang``, or a new one."""
    path = po_path(lang)
    if not path.exists():
        catalogue = Catalog(locale=lang, domain=DOMAIN, project="Vigie", version="1",
                            header_comment=f"# Vigie's texts ({lang}): see planner/i18n.py.",
                            fuzzy=False)  # fmt: skip
        return catalogue
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def add_entries(
    catalogues: dict[str, Catalog], context: str, entries: dict, replace: bool = False
) -> None:
    """Add ``entries`` (key → {"fr", "en"[, "plural"]}) under ``context``; with ``replace``,
    change the texts of keys the context already has (and only those)."""
    if context not in CONTEXTS:
        raise SystemExit(f"unknown context {context!r}; one of {', '.join(CONTEXTS)}")
    for key, entry in entries.items():
        missing = [lang for lang in LANGS if not entry.get(lang)]
        if missing:
            raise SystemExit(f"{context}/{key}: no text in {', '.join(missing)}")
        for lang, catalogue in catalogues.items():
            known = catalogue.get(key, context=context) is not None
            if known and not replace:
                raise SystemExit(f"{context}/{key} is already in the {lang} catalogue")
            if replace and not known:
                raise SystemExit(f"{context}/{key} is not in the {lang} catalogue: add it")
            if known:
                catalogue.delete(key, context=context)
            value = entry[lang]
            comments = [f"plural: {entry['plural']}"] if "plural" in entry else []
            if "plural" in entry:
                catalogue.add((key, key), tuple(value), context=context, auto_comments=comments)
            else:
                catalogue.add(key, value, context=context)


def dict_literal(source: str) -> dict:
    """The first dict literal of a Python source (assigned or bare), evaluated safely."""
    for node in ast.walk(ast.parse(source)):
        value = getattr(node, "value", None)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.Expr) and isinstance(value, ast.Dict):
            return ast.literal_eval(value)
    raise SystemExit("no dict literal found")


#: Who keeps the catalogues and where their mistakes are reported (the PO header's fields).
TRANSLATORS = "Vigie developers"
BUGS_TO = "the Vigie issue tracker (README.md)"


def save(catalogues: dict[str, Catalog]) -> None:
    for lang, catalogue in catalogues.items():
        catalogue.last_translator = TRANSLATORS
        catalogue.language_team = f"{TRANSLATORS} ({lang})"
        catalogue.msgid_bugs_address = BUGS_TO
        catalogue.revision_date = catalogue.creation_date
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=100, sort_output=False, omit_header=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add texts to both catalogues")
    add.add_argument("context")
    add.add_argument("file", nargs="?", type=Path, help="a .py file with one dict literal")
    add.add_argument("--key")
    add.add_argument("--fr")
    add.add_argument("--en")
    update = commands.add_parser("update", help="change texts already in both catalogues")
    update.add_argument("context")
    update.add_argument("file", nargs="?", type=Path, help="a .py file with one dict literal")
    update.add_argument("--key")
    update.add_argument("--fr")
    update.add_argument("--en")
    args = parser.parse_args(argv)
    if args.file:
        entries = dict_literal(args.file.read_text(encoding="utf-8"))
    elif args.key and args.fr and args.en:
        entries = {args.key: {"fr": args.fr, "en": args.en}}
    else:
        parser.error("give a FILE or --key, --fr and --en")
    catalogues = {lang: load(lang) for lang in LANGS}
    add_entries(catalogues, args.context, entries, replace=args.command == "update")
    save(catalogues)
    done = "changed in" if args.command == "update" else "added to"
    print(f"{len(entries)} text(s) {done} {args.context}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
