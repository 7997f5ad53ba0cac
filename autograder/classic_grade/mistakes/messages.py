"""The named-mistake line, as plain zh-TW / English pairs in one place (for the message catalog).

``{task}`` is the task's name; ``{mistake}`` is the mistake's name in the same language, from the
library (a noun phrase: 「3×3 卷積後少了 ReLU」 / "the block with no ReLU after the 3×3 conv").
"""
from __future__ import annotations

NAMED = {
    "zh-TW": "你的 {task} 與『{mistake}』的寫法完全相同",
    "en": "your {task} computes exactly {mistake}",
}

# The heading of the line in the reports.
HEADING = {"zh-TW": "已知的錯誤", "en": "known mistake"}


def named(task: str, zh_tw: str, en: str) -> dict[str, str]:
    return {"zh-TW": NAMED["zh-TW"].format(task=task, mistake=zh_tw),
            "en": NAMED["en"].format(task=task, mistake=en)}


def _languages(lang: str) -> tuple[str, ...]:
    return ("zh-TW", "en") if lang == "both" else (lang,)


def both(lines: dict[str, str], lang: str = "both") -> str:
    """The languages asked for, one line each, zh-TW first (like the notebooks)."""
    return "\n".join(lines[each] for each in _languages(lang) if lines.get(each))


def heading(lang: str = "both") -> str:
    return " / ".join(HEADING[each] for each in _languages(lang))


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
