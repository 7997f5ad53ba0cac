"""Gradescope's results.json: one test per check, hidden checks visible only after publishing."""
from __future__ import annotations

import json

from ..safe_text import REPORT_CHARS, clean_tree


def to_gradescope(report) -> str:
    tests = []
    for task in report.tasks:
        for check in task.checks:
            tests.append({
                "name": f"{task.name}: {check.name}",
                "score": check.score,
                "max_score": check.points,
                "status": "passed" if check.passed else "failed",
                "output": check.message,
                "visibility": "after_published" if check.visibility == "hidden" else "visible",
            })
    notes = "\n".join(report.notes + report.errors)
    results = {"score": report.score, "execution_time": report.elapsed_s, "output": notes,
               "visibility": "visible", "tests": tests}
    return json.dumps(clean_tree(results, REPORT_CHARS), ensure_ascii=False, indent=1)
