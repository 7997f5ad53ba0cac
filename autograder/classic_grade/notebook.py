"""Grading from inside a notebook: the nbgrader test cells call ``check_task``.

The code graded is the kernel's execution history (IPython's ``In``), shipped to the sandbox as a
notebook whose cells are the executions in order, so the loader grades it cell by cell like any
submitted notebook; it never runs in the kernel's process. Executions this module saw fail (a
typo, later fixed and re-run) are left out: the student has replaced them, and replaying one would
charge every later check for a mistake the kernel no longer holds.

The cell's value is the task's score (a float: nbgrader gives partial credit for it); it raises
only when the score is zero, because nbgrader gives full credit to a cell whose value is 0.
During ``nbgrader autograde`` the kernel's check is not the grade (the classic-grade nbgrader
plugin grades the submitted file in the sandbox and rewrites the test cells' outputs), so it
answers at once.
"""
from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

import nbformat

from .grading import Grader
from .mistakes import messages as mistake_messages

# Set by the nbgrader plugin in the kernel's environment while `nbgrader autograde` executes.
AUTOGRADE_ENV = "CLASSIC_GRADE_NBGRADER_AUTOGRADE"

_grader: Grader | None = None
_failed_executions: set[int] = set()
_watched_shells: set[int] = set()


class TaskFailed(AssertionError):
    """The task scored zero: the cell fails, so nbgrader gives it no credit."""


def use_scratch_hypothesis_storage() -> None:
    """Hypothesis keeps a cache (``.hypothesis/``) in the working folder; the grader draws its
    examples with hypothesis, and a student's or a course's folder is no place for it."""
    if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = tempfile.mkdtemp(prefix="classic-grade-hypothesis-")


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with nbgrader
        return None
    return get_ipython()


def _remember_failures(result) -> None:
    if not result.success and result.execution_count is not None:
        _failed_executions.add(result.execution_count)


def watch_failures(shell) -> None:
    """Record which executions raise from now on (IPython's history does not keep that)."""
    if shell is not None and id(shell) not in _watched_shells:
        shell.events.register("post_run_cell", _remember_failures)
        _watched_shells.add(id(shell))


watch_failures(_shell())


def history_cells(shell) -> list[str]:
    """The kernel's executions that still count: every one but those seen failing and the test
    cells (those that call classic_grade or check_task, the one running now included)."""
    if shell is None or "In" not in shell.user_ns:
        raise RuntimeError("check_task runs inside a Jupyter notebook; from a terminal use `classic-grade submit`")
    return [code for number, code in enumerate(shell.user_ns["In"][1:], 1)
            if number not in _failed_executions and code.strip()
            and "classic_grade" not in code and "check_task(" not in code]


def _write_notebook(cells: list[str], folder: str, assignment: str) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    path = Path(folder) / f"{assignment}.ipynb"
    nbformat.write(notebook, str(path))
    return path


def report_lines(task: str, result, visibility: str) -> list[str]:
    lines = [f"{task}: {result.score:g}/{result.max_score:g} ({visibility} checks)"]
    for check in result.checks:
        lines.append(f"  {'✓' if check.passed else '✗'} {check.name}")
        if not check.passed and check.message:
            lines.extend("      " + line for line in check.message.splitlines())
    if getattr(result, "needs_review", False):
        lines.append("  (flagged for the instructor's review)")
    lines.extend("  " + line for line in mistake_messages.task_lines(result))
    return lines


def _show(lines: list[str]) -> None:
    """Once: as HTML in a Jupyter front end, as text anywhere else."""
    shell = _shell()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import HTML, display

        display(HTML(f"<pre style='white-space: pre-wrap'>{html.escape(chr(10).join(lines))}</pre>"))
    else:
        print("\n".join(lines))


def check_task(assignment: str, task: str, visibility: str = "public", device: str = "cpu",
               source: str | None = None) -> float | None:
    """Grade one task of the code run so far in the sandbox; show the report and return the
    score. Raises TaskFailed when the score is zero."""
    global _grader
    if source is None and os.environ.get(AUTOGRADE_ENV) == "1":
        print(f"{task}: graded by classic-grade in the sandbox when nbgrader autogrades this notebook")
        return None
    shell = _shell() if source is None else None
    cells = history_cells(shell) if source is None else None
    use_scratch_hypothesis_storage()
    if _grader is None:
        _grader = Grader(device)
    with tempfile.TemporaryDirectory() as folder:
        if cells is None:
            path = Path(folder) / f"{assignment}.py"
            path.write_text(source, "utf-8")
        else:
            path = _write_notebook(cells, folder, assignment)
        report = _grader.grade(path, assignment, visibility, tasks=[task])
    if not report.tasks:
        raise ValueError(f"{assignment} has no task {task!r} with {visibility} checks")
    result = report.tasks[0]
    _show(report_lines(task, result, visibility))
    if result.max_score > 0 and result.score == 0:
        raise TaskFailed(f"{task}: 0/{result.max_score:g}; see the report above")
    return float(result.score)
