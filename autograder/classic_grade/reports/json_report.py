"""The JSON contract (README.md, "The report"): one object, tasks in rubric order, checks with points.

Every text a student reads comes in the language asked for (``message``, ``notes``, a check's
``title``) and, beside it, in every language of the catalog (``messages``, ``titles``,
``note_messages``: ``{"zh-TW": …, "en": …, "both": …}``, ``both`` being the two as ``--lang both``
shows them), so a stored report can be shown again in any language. ``name`` stays the check's
English title: it is what gradebooks and class statistics key on."""
from __future__ import annotations

import json

from ..messages import DEFAULT, LANGS, normalise, render, render_label
from ..safe_text import REPORT_CHARS, clean_tree

LANG_KEYS = LANGS + ("both",)


def localised(value, label: bool = False) -> dict[str, str]:
    """The text in each language of the catalog, and both together."""
    show = render_label if label else render
    return {lang: show(value, lang) for lang in LANG_KEYS}


def to_dict(report, lang: str = DEFAULT) -> dict:
    """Every string cleaned and capped (safe_text): a report is valid JSON and UTF-8 whatever the
    submission raised or printed."""
    lang = normalise(lang)
    notes = [localised(note) for note in report.notes]
    return clean_tree({
        "assignment": report.assignment,
        "score": report.score,
        "max_score": report.max_score,
        "elapsed_s": report.elapsed_s,
        "lang": lang,
        "tasks": [{"name": t.name, "score": t.score, "max_score": t.max_score, "needs_review": t.needs_review,
                   "checks": [_check(c, lang) for c in t.checks],
                   # The known mistake whose function the task computes exactly (checks/naming.py), or null.
                   "mistake": t.mistake.as_dict() if getattr(t, "mistake", None) else None}
                  for t in report.tasks],
        # Tasks the grader could not verify (an unmappable layout): an instructor should look.
        "needs_review": report.needs_review,
        "errors": list(report.errors),
        "notes": [note[lang] for note in notes],
        "note_messages": notes,
        "submission": {"path": report.submission, "sha256": report.sha256},
        "environment": dict(report.environment),
    }, REPORT_CHARS)


def _check(check, lang: str) -> dict:
    messages, titles = localised(check.message), localised(check.name, label=True)
    return {"name": str(check.name), "score": check.score, "max_score": check.points, "passed": check.passed,
            "visibility": check.visibility, "message": messages[lang], "needs_review": check.needs_review,
            "title": titles[lang], "titles": titles, "messages": messages,
            # the check whose message holds this failure's cause (its English name), or null
            "same_cause_as": None if getattr(check, "same_cause_as", None) is None else str(check.same_cause_as)}


def in_language(record: dict, lang: str) -> dict:
    """A stored report (``to_dict``'s) shown in ``lang``: its ``message``, ``title`` and ``notes``
    taken from what it holds in every language (older records, without them, are left as they are)."""
    lang = normalise(lang)
    shown = dict(record, lang=lang)
    if "note_messages" in record:
        shown["notes"] = [note.get(lang, "") for note in record["note_messages"]]
    shown["tasks"] = [dict(task, checks=[_check_in(check, lang) for check in task.get("checks", [])])
                      for task in record.get("tasks", [])]
    return shown


def _check_in(check: dict, lang: str) -> dict:
    shown = dict(check)
    if lang in check.get("messages", {}):
        shown["message"] = check["messages"][lang]
    if lang in check.get("titles", {}):
        shown["title"] = check["titles"][lang]
    return shown


def to_json(report, lang: str = DEFAULT) -> str:
    return json.dumps(to_dict(report, lang), ensure_ascii=False, indent=1)
