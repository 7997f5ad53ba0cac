"""The report's words in the course's two languages: Traditional Chinese (Taiwan) and English.

Every sentence a student reads is a ``Message``: an English template with named placeholders
(``msg("expected {expected:,} learnable parameters, got {got:,}", expected=..., got=...)``), whose
translations live in one gettext catalog per language, ``locale/<lang>/LC_MESSAGES/classic_grade.po``
(package data, edited with any PO editor; ``make messages`` extracts the templates from the code and
merges them into the catalogs). The ``.po`` files are read directly with Babel at first use, so a
clean clone works after ``pip install -e .`` with no compile step and no binary ``.mo`` in git.

A ``Message`` *is* its English text (a ``str`` subclass): code that compares, splits or stores a
report's messages as plain strings keeps working, and any plain string (a traceback, a value from
the submission) is simply shown as it is in every language. ``Text`` joins messages and plain
strings into one report entry; the reports call ``render(value, lang)`` for the language asked for.

Check titles and hints are data (the check registry's titles, the task specs' ``hints``); their
English text is the msgid, so ``title(check_id)`` or ``Message(english)`` finds the translation, and
``message_catalog`` walks that data when it extracts the catalog.
"""
from __future__ import annotations

import functools
import string
from importlib import resources

LANGS = ("zh-TW", "en")                  # the languages of the catalog, the course's first
CHOICES = ("zh-TW", "en", "both")        # what --lang accepts
DEFAULT = "both"                         # like the notebooks: each sentence in Chinese, then English
DOMAIN = "classic_grade"
LOCALE_DIRS = {"zh-TW": "zh_TW", "en": "en"}   # BCP 47 tag → gettext's locale folder


def normalise(lang: str | None) -> str:
    """``zh-TW``, ``zh_TW``, ``zh-tw``, ``en``, ``both`` (or None: the default) → one of CHOICES."""
    if lang is None:
        return DEFAULT
    key = str(lang).strip().replace("_", "-").lower()
    for choice in CHOICES:
        if choice.lower() == key:
            return choice
    raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(CHOICES)}")


def po_path(lang: str):
    return resources.files("classic_grade") / "locale" / LOCALE_DIRS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _translations(lang: str) -> dict[str, str]:
    """msgid → translation, for the entries a translator has filled in and not marked fuzzy."""
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=LOCALE_DIRS[lang], domain=DOMAIN)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def translate(msgid: str, lang: str) -> str:
    """The catalog's translation of ``msgid``, or ``msgid`` itself (English) when it has none."""
    return _translations(lang).get(msgid) or msgid


def fields(template: str) -> set[str]:
    """The named placeholders of a template (a translation must use the same ones); a text that is
    not a valid template (a hint with a lone brace) has none."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return set()


def render(value, lang: str = "en") -> str:
    """``value`` in ``lang`` (``zh-TW``, ``en`` or ``both``): a Message or Text is translated, any other
    value is shown as it is."""
    lang = normalise(lang)
    if isinstance(value, (Message, Text)):
        return value.render(lang)
    return "" if value is None else str(value)


def render_label(value, lang: str = "en") -> str:
    """A short label (a check's title): ``both`` puts the two on one line, "輸出形狀 / output shape"."""
    lang = normalise(lang)
    if lang != "both":
        return render(value, lang)
    zh, en = render(value, "zh-TW"), render(value, "en")
    return en if zh == en else f"{zh} / {en}"


class Message(str):
    """One translatable sentence: its msgid (the English template) and the values of its placeholders.
    The string itself is the English text. A value may be a Message or Text too, rendered in the same
    language as the sentence around it."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, /, **params):
        self = super().__new__(cls, _fill(translate(msgid, "en"), params, "en"))
        self.msgid, self.params = msgid, params
        return self

    def render(self, lang: str) -> str:
        if lang == "both":
            zh, en = self.render("zh-TW"), self.render("en")
            return en if zh == en else f"{zh}\n{en}"
        return _fill(translate(self.msgid, lang), self.params, lang)

    def __reduce__(self):   # pickles (multiprocessing) as what it is, not as a plain str
        return (_rebuild, (self.msgid, self.params))


def _rebuild(msgid, params):
    return Message(msgid, **params)


def msg(template: str, /, **params) -> Message:
    """A sentence of the report. ``template`` must be a string literal: ``make messages`` extracts it."""
    return Message(template, **params)


def _fill(template: str, params: dict, lang: str) -> str:
    values = {k: render(v, lang) if isinstance(v, (Message, Text)) else v for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):   # a translator's slip must not cost the report
        return template


class Text(str):
    """A report entry made of parts: Messages, and plain strings shown as they are (a traceback, a
    value from the submission). In ``both``, each Message is given in Chinese then English on its
    own lines, and the plain parts once."""

    parts: tuple

    def __new__(cls, *parts):
        flat: list = []
        for part in parts:
            if isinstance(part, Text):
                flat.extend(part.parts)
            elif part is not None and part != "":
                flat.append(part)
        self = super().__new__(cls, "".join(render(p, "en") for p in flat))
        self.parts = tuple(flat)
        return self

    def render(self, lang: str) -> str:
        return "".join(render(p, lang) for p in self.parts)

    def __reduce__(self):
        return (_rebuild_text, self.parts)


def _rebuild_text(*parts):
    return Text(*parts)


def title(check_id_or_title: str) -> Message:
    """A check's title, translatable: looked up by check id (``"output_shape"``) or given as its
    English title."""
    from .checks import registry

    known = registry.definitions().get(check_id_or_title)
    return Message(known.title if known is not None else check_id_or_title)
