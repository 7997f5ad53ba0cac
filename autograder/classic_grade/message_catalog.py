"""Upkeep of the message catalog (``locale/``), with Babel.

    python -m classic_grade.message_catalog update    # `make messages`: extract, then merge into each .po
    python -m classic_grade.message_catalog check     # exit 1 and list the msgids that lack a translation

The msgids are found in two places: the string literals passed to ``messages.msg(...)`` in the
package's code (Babel's Python extractor, keyword ``msg``), and the texts the grader holds as data
(each check's title in the check registry (``checks/registry.py``), each hint text of ``hints.py``), walked
here. ``update`` writes the template ``locale/classic_grade.pot`` and merges it into every language's
``.po``: new msgids arrive untranslated (or fuzzy, when Babel finds a near neighbour), removed ones
are dropped. A translator then fills in ``msgstr`` in ``locale/zh_TW/LC_MESSAGES/classic_grade.po``.
English is the msgid itself; ``locale/en`` exists so English wording can be changed without code.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .messages import DOMAIN, LANGS, LOCALE_DIRS, fields

PACKAGE = Path(__file__).resolve().parent
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
KEYWORDS = {"msg": None}          # msg(template, **params): the first argument is the msgid
SOURCE_LANG = "en"               # the msgids are English: no translation is needed for it


def code_messages():
    """(msgid, where) for every msg("…") literal in the package's code."""
    from babel.messages.extract import extract_from_dir

    for filename, lineno, message, _comments, _context in extract_from_dir(
            PACKAGE, keywords=KEYWORDS, directory_filter=lambda path: "locale" not in Path(path).parts):
        if isinstance(message, str) and message:
            yield message, (f"classic_grade/{filename}", lineno)


def data_messages():
    """(msgid, note) for the texts the grader holds as data: check titles and hints."""
    from . import hints
    from .checks import registry

    for check_id, definition in registry.definitions().items():
        yield definition.title, f"title of check {check_id}"
    yield from hints.texts()


def template():
    from babel.messages.catalog import Catalog

    catalog = Catalog(domain=DOMAIN, project="classic-grade", charset="utf-8")
    for msgid, location in code_messages():
        catalog.add(msgid, locations=[location], flags=_flags(msgid))
    for msgid, note in data_messages():
        existing = catalog.get(msgid)
        if existing is not None:
            existing.auto_comments.append(note)
        else:
            catalog.add(msgid, auto_comments=[note])
    return catalog


def _flags(msgid: str) -> tuple[str, ...]:
    return ("python-brace-format",) if fields(msgid) else ()


def read(lang: str):
    from babel.messages.pofile import read_po

    with open(po_file(lang), "rb") as handle:
        return read_po(handle, locale=LOCALE_DIRS[lang], domain=DOMAIN)


def po_file(lang: str) -> Path:
    return LOCALE / LOCALE_DIRS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write(catalog, path: Path) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        # File names without line numbers: a catalog that does not change whenever code moves merges cleanly.
        write_po(handle, catalog, width=100, ignore_obsolete=True, include_lineno=False)


def update() -> None:
    """Extract the template and merge it into every language's catalog."""
    from babel.messages.catalog import Catalog

    pot = template()
    if TEMPLATE.exists():   # the header's date stays put, so only real changes show in a diff (and merge)
        from babel.messages.pofile import read_po

        with open(TEMPLATE, "rb") as handle:
            pot.creation_date = read_po(handle).creation_date
    _write(pot, TEMPLATE)
    for lang in LANGS:
        path = po_file(lang)
        if path.exists():
            catalog = read(lang)
        else:
            catalog = Catalog(locale=LOCALE_DIRS[lang], domain=DOMAIN, project="classic-grade", charset="utf-8")
        catalog.update(pot, update_creation_date=False)
        _write(catalog, path)


def missing(lang: str) -> list[str]:
    """The msgids of the code and data that ``lang``'s catalog does not translate (absent, empty or
    fuzzy), in extraction order."""
    if lang == SOURCE_LANG:
        return []
    translated = {m.id for m in read(lang) if m.id and m.string and not m.fuzzy}
    seen, result = set(), []
    for message in template():
        if message.id and message.id not in translated and message.id not in seen:
            seen.add(message.id)
            result.append(message.id)
    return result


def mismatched_fields(lang: str) -> list[str]:
    """Translations whose placeholders are not the msgid's (they would show a raw template)."""
    return [m.id for m in read(lang) if m.id and m.string and not m.fuzzy and fields(m.string) != fields(m.id)]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        print(f"updated {TEMPLATE.relative_to(PACKAGE.parent)} and the catalogs of {', '.join(LANGS)}")
        return 0
    if command == "check":
        status = 0
        for lang in LANGS:
            lacking = missing(lang)
            if lacking:
                status = 1
                print(f"{lang}: {len(lacking)} message(s) without a translation:")
                print("\n".join(f"  {m!r}" for m in lacking))
        return status
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
