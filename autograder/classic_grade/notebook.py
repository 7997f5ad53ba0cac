"""Grading from inside a notebook: the nbgrader test cells call ``check_task``.

The code is the cells executed so far (IPython's ``In`` history), minus the cells that call
classic_grade; it is graded in the sandbox like any submission, never in the kernel's process.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from . import loading
from .grading import Grader

_grader: Grader | None = None


def _executed_source() -> str:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with nbgrader
        get_ipython = lambda: None  # noqa: E731
    shell = get_ipython()
    if shell is None or "In" not in shell.user_ns:
        raise RuntimeError("check_task runs inside a Jupyter notebook; from a terminal use `classic-grade submit`")
    cells = []
    for index, code in enumerate(shell.user_ns["In"][1:], 1):
        if "classic_grade" in code:
            continue
        cells.append(loading._strip_ipython(index, code, []))
    return "\n\n".join(cells)


def check_task(assignment: str, task: str, visibility: str = "public", device: str = "cpu", source: str | None = None):
    """Grade one task of the code run so far; AssertionError with the feedback when a check fails."""
    global _grader
    if _grader is None:
        _grader = Grader(device)
    code = _executed_source() if source is None else source
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{assignment}.py"
        path.write_text(code, "utf-8")
        report = _grader.grade(path, assignment, visibility, tasks=[task])
    result = report.tasks[0]
    lines = [f"{task}: {result.score:g}/{result.max_score:g} ({visibility} checks)"]
    for check in result.checks:
        lines.append(f"  {'✓' if check.passed else '✗'} {check.name}")
        if not check.passed and check.message:
            lines.extend("      " + line for line in check.message.splitlines())
    print("\n".join(lines))
    if result.score < result.max_score:
        raise AssertionError("\n".join(lines))
    return result
