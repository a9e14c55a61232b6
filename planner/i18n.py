"""The one text catalogue of Vigie (app, map, sheet, messages, after-action summary), with Babel.

Texts live in gettext catalogues, ``planner/locale/{fr,en}/LC_MESSAGES/vigie.po``: each entry's
``msgctxt`` is the part of the product that shows it (``ui``, ``messages``, ``map``, ``sheet``,
``sheet_pages``, ``highway``, ``effects``, ``legend``, ``after_action``), its ``msgid`` the key
the code names it by, its ``msgstr`` the text. Babel reads the ``.po`` files and compiles them in
memory for :mod:`gettext` (``pgettext`` / ``npgettext``). An entry with a plural names its count
parameter in an extracted comment (``#. plural: count``), so ``text(…, count=3)`` picks the form
by the language's plural rule (French: 0 and 1 singular) — never "(s)".

Placeholders are :meth:`str.format` fields; a number field with a ``,`` (``{public:,}``,
``{area:,.0f}``) is grouped by Babel for the language: French "12 000" (narrow no-break space),
English "12,000". :func:`format_number` and :func:`format_date` do the same for code.

A new text: add it to both ``.po`` files (same context and key; ``tools/po_catalogue.py add``
does it from a ``{key: {"fr": …, "en": …}}`` dict) — the parity test checks both languages.
"""

from __future__ import annotations

import gettext
import io
import re
import string
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel.dates import format_date as babel_date
from babel.dates import format_time as babel_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGS = ("fr", "en")
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "vigie"
#: Babel locales of the languages (dates and numbers).
LOCALES = {"fr": "fr_FR", "en": "en"}
_PLURAL = re.compile(r"^plural:\s*(\w+)$")
_DECIMALS = re.compile(r"\.(\d+)f$")


def po_path(lang: str) -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(lang: str) -> Catalog:
    """The Babel catalogue of ``lang`` as read from its ``.po`` file."""
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@cache
def _translations(lang: str) -> gettext.GNUTranslations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog(lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@cache
def _index() -> dict[tuple[str, str], str | None]:
    """Every (context, key) of the catalogue, with its plural count parameter (or None)."""
    out: dict[tuple[str, str], str | None] = {}
    for message in catalog("en"):
        if not message.id:
            continue
        key = message.id[0] if message.pluralizable else message.id
        counts = [m.group(1) for c in message.auto_comments if (m := _PLURAL.match(c))]
        out[(message.context or "", key)] = counts[0] if counts else None
    return out


#: Texts added at run time by :func:`register` (context, key) → {lang: text}.
_REGISTERED: dict[tuple[str, str], dict[str, str]] = {}


def keys(context: str) -> list[str]:
    """The keys of a context, in catalogue order (registered ones last)."""
    found = [k for c, k in _index() if c == context]
    return found + [k for c, k in _REGISTERED if c == context]


def has(context: str, key: str) -> bool:
    """Whether the catalogue has ``key`` in ``context``."""
    return (context, key) in _index() or (context, key) in _REGISTERED


def register(context: str, texts: dict[str, dict[str, str]]) -> None:
    """Add texts at run time (code not yet ported to the ``.po`` files); a key the catalogue
    already has is refused, as two texts for one key would be."""
    clash = sorted(k for k in texts if has(context, k))
    if clash:
        raise ValueError(f"text keys already used in {context!r}: {clash}")
    for key, entry in texts.items():
        _REGISTERED[(context, key)] = dict(entry)


def template(context: str, key: str, lang: str, count: int | None = None) -> str:
    """The raw text of ``key`` in ``lang`` (the plural form for ``count`` where it has one);
    a ``KeyError`` for an unknown key, as a missing text is a bug."""
    lang = lang if lang in LANGS else "en"
    if (context, key) in _REGISTERED:
        entry = _REGISTERED[(context, key)]
        return entry.get(lang, entry["en"])
    plural = _index()[(context, key)]  # KeyError: unknown key
    translations = _translations(lang)
    if plural is not None:
        return translations.npgettext(context, key, key, 1 if count is None else count)
    return translations.pgettext(context, key)


def text(context: str, key: str, lang: str, **params: object) -> str:
    """``key`` of ``context`` in ``lang``, formatted with ``params`` (numbers by Babel)."""
    count_param = _index().get((context, key))
    count = params.get(count_param) if count_param else None
    raw = template(context, key, lang, int(count) if isinstance(count, int | float) else None)
    return _Formatter(lang).format(raw, **params) if params else raw


class _Formatter(string.Formatter):
    """:meth:`str.format`, with a ``,`` number field grouped as ``lang`` writes numbers."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and "," in format_spec:
            found = _DECIMALS.search(format_spec)
            return format_number(value, self.lang, int(found.group(1)) if found else 0)
        return super().format_field(value, format_spec)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """``12000`` → ``12 000`` (French, narrow no-break space) or ``12,000``; ``decimals``
    fixed digits after the decimal sign (``3,5`` in French)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES.get(lang, "en"))


def format_date(value: date, lang: str) -> str:
    """``31 décembre 2026`` / ``December 31, 2026``."""
    return babel_date(value, "long", locale=LOCALES.get(lang, "en"))


def format_datetime(value: datetime, lang: str) -> str:
    """``31 décembre 2026 21:00`` / ``December 31, 2026 21:00`` (24-hour clock in both)."""
    clock = babel_time(value, "HH:mm", locale=LOCALES.get(lang, "en"))
    return f"{format_date(value, lang)} {clock}"


def parity_problems() -> list[str]:
    """Keys missing or empty in a language, and placeholders that differ between the two."""
    problems = []
    entries = {lang: {(m.context, str(m.id)): m for m in catalog(lang) if m.id} for lang in LANGS}
    for lang, other in (("fr", "en"), ("en", "fr")):
        for key in entries[lang].keys() - entries[other].keys():
            problems.append(f"{key} is missing in {other}")
    for key in entries["fr"].keys() & entries["en"].keys():
        forms = {lang: entries[lang][key].string for lang in LANGS}
        fields = {}
        for lang, form in forms.items():
            strings = list(form) if isinstance(form, tuple | list) else [form]
            if not all(strings):
                problems.append(f"{key} is empty in {lang}")
            fields[lang] = {f for s in strings for _, f, _, _ in string.Formatter().parse(s) if f}
        if fields["fr"] != fields["en"]:
            problems.append(f"{key}: placeholders {fields['fr']} (fr) != {fields['en']} (en)")
    return problems
