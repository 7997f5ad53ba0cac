"""The JSON contract (README.md, "The report"): one object, tasks in rubric order, checks with points."""
from __future__ import annotations

import json

from ..safe_text import REPORT_CHARS, clean_tree


def to_dict(report) -> dict:
    """Every string cleaned and capped (safe_text): a report is valid JSON and UTF-8 whatever the
    submission raised or printed."""
    return clean_tree({
        "assignment": report.assignment,
        "score": report.score,
        "max_score": report.max_score,
        "elapsed_s": report.elapsed_s,
        "tasks": [{"name": t.name, "score": t.score, "max_score": t.max_score, "needs_review": t.needs_review,
                   "checks": [{"name": c.name, "score": c.score, "max_score": c.points, "passed": c.passed,
                               "visibility": c.visibility, "message": c.message, "needs_review": c.needs_review,
                               # the check whose message holds this failure's cause (its name), or null
                               "same_cause_as": c.same_cause_as}
                              for c in t.checks]}
                  for t in report.tasks],
        # Tasks the grader could not verify (an unmappable layout): an instructor should look.
        "needs_review": report.needs_review,
        "errors": list(report.errors),
        "notes": list(report.notes),
        "submission": {"path": report.submission, "sha256": report.sha256},
        "environment": dict(report.environment),
    }, REPORT_CHARS)


def to_json(report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=1)
