"""The named-mistake line in each language. The sentence and its heading are the catalog's
(locale/); ``{mistake}`` is the mistake's name in the same language, from the library, where each
mistake is named in both (a noun phrase: 「3×3 卷積後少了 ReLU」 / "the block with no ReLU after the
3×3 conv"), as the corpus entry that defines it says.
"""
from __future__ import annotations

from ..messages import LANGS, msg, render


def named(task: str, zh_tw: str, en: str) -> dict[str, str]:
    names = {"zh-TW": zh_tw, "en": en}
    return {lang: render(msg("your {task} computes exactly {mistake}", task=task, mistake=names[lang]), lang)
            for lang in LANGS}


def _languages(lang: str) -> tuple[str, ...]:
    return ("zh-TW", "en") if lang == "both" else (lang,)


def both(lines: dict[str, str], lang: str = "both") -> str:
    """The languages asked for, one line each, zh-TW first (like the notebooks)."""
    return "\n".join(lines[each] for each in _languages(lang) if lines.get(each))


def heading(lang: str = "both") -> str:
    return " / ".join(render(msg("known mistake"), each) for each in _languages(lang))


def task_lines(task, lang: str = "both") -> list[str]:
    """A task's named-mistake feedback as text lines (heading, then zh-TW, then English, as ``lang``
    asks); none when no mistake was named. ``task`` is a TaskResult, or its JSON object (``mistake``
    then a dict)."""
    from ..messages import normalise

    lang = normalise(lang)
    mistake = task.get("mistake") if isinstance(task, dict) else getattr(task, "mistake", None)
    if not mistake:
        return []
    lines = mistake["messages"] if isinstance(mistake, dict) else mistake.messages()
    return [heading(lang), *both(lines, lang).splitlines()]
