"""Gradescope's results.json: one test per check, hidden checks visible only after publishing."""
from __future__ import annotations

import json

from ..messages import DEFAULT, msg, render, render_label
from ..mistakes import messages as mistake_messages
from ..safe_text import REPORT_CHARS, clean_tree

REVIEW_LINE = msg("NEEDS REVIEW (the grader could not verify this; an instructor will look)")


def to_gradescope(report, lang: str = DEFAULT) -> str:
    review_line = render(REVIEW_LINE, lang)
    tests = []
    for task in report.tasks:
        # The named mistake (if any) closes the output of the task's first failed check.
        named = "\n".join(mistake_messages.task_lines(task, lang))
        first_failed = next((c for c in task.checks if not c.passed), None)
        for check in task.checks:
            tests.append({
                "name": f"{task.name}: {render_label(check.name, lang)}",
                "score": check.score,
                "max_score": check.points,
                "status": "passed" if check.passed else "failed",
                "output": (review_line + "\n" if check.needs_review else "") + render(check.message, lang)
                          + (f"\n\n{named}" if named and check is first_failed else ""),
                "visibility": "after_published" if check.visibility == "hidden" else "visible",
            })
    review = [f"{review_line}: {', '.join(report.needs_review)}"] if report.needs_review else []
    notes = "\n".join(review + [render(note, lang) for note in report.notes] + report.errors)
    results = {"score": report.score, "execution_time": report.elapsed_s, "output": notes,
               "visibility": "visible", "tests": tests}
    return json.dumps(clean_tree(results, REPORT_CHARS), ensure_ascii=False, indent=1)
