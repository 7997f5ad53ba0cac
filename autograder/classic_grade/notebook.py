"""Grading from inside a notebook: the nbgrader test cells call ``check_task``.

The code graded is the kernel's execution history (IPython's ``In``), shipped to the sandbox as a
notebook whose cells are the executions in order, so the loader grades it cell by cell like any
submitted notebook; it never runs in the kernel's process. Executions this module saw fail (a
typo, later fixed and re-run) are left out: the student has replaced them, and replaying one would
charge every later check for a mistake the kernel no longer holds.

The report is shown once, in the language asked for (``lang``: ``"zh-TW"``, ``"en"`` or ``"both"``,
the default, like the notebooks): as HTML in a Jupyter front end, as text anywhere else. The cell's
value is the task's score (a float: nbgrader gives partial credit for it); it raises only when the
score is zero, because nbgrader gives full credit to a cell whose value is 0, and then IPython shows
that failure as one line, without a traceback into the grader (the report above already says what
went wrong; see ``TaskFailed``).
During ``nbgrader autograde`` the kernel's check is not the grade (the classic-grade nbgrader
plugin grades the submitted file in the sandbox and rewrites the test cells' outputs), so it
answers at once.
"""
from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import loading
from .messages import DEFAULT, msg, normalise, render, render_label
from .mistakes import messages as mistake_messages

if TYPE_CHECKING:
    from .grading import Grader

# Set by the nbgrader plugin in the kernel's environment while `nbgrader autograde` executes.
AUTOGRADE_ENV = "CLASSIC_GRADE_NBGRADER_AUTOGRADE"

_grader: Grader | None = None
_failed_executions: set[int] = set()
_watched_shells: set[int] = set()


class TaskFailed(AssertionError):
    """The task scored zero: the cell fails, so nbgrader gives it no credit. IPython shows it as its
    one line (``_render_traceback_``, IPython's hook for exceptions that format themselves) rather
    than a traceback through classic_grade: the report above it already says what went wrong."""

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


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


def history_cells(shell) -> list[tuple[int, str]]:
    """The kernel's executions that still count, as (execution count, code): every one but those
    seen failing and the test cells (those that call classic_grade or check_task, the one running
    now included)."""
    if shell is None or "In" not in shell.user_ns:
        raise RuntimeError("check_task runs inside a Jupyter notebook; from a terminal use `classic-grade submit`")
    return [(number, code) for number, code in enumerate(shell.user_ns["In"][1:], 1)
            if number not in _failed_executions and code.strip()
            and "classic_grade" not in code and "check_task(" not in code]


def _write_notebook(cells: list[tuple[int, str]], folder: str, assignment: str) -> Path:
    """Each execution a cell, marked with its execution count, so the report cites "In [7], line 3":
    the number Jupyter shows beside the student's cell. nbformat is imported here, not with the
    module: it pulls in jsonschema's format checkers (about a second), which the kernel of every
    student that `nbgrader autograde` executes would pay for a check_task that answers at once."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(code, metadata={loading.EXECUTION_KEY: number}) for number, code in cells])
    path = Path(folder) / f"{assignment}.ipynb"
    nbformat.write(notebook, str(path))
    return path


def report_lines(task: str, result, visibility: str, lang: str = DEFAULT) -> list[str]:
    """One task's report as lines of text; a message shared by several checks (a stub fails them all
    the same way) is written once, under the first, the others saying so."""
    which = msg("public checks") if visibility == "public" else msg("hidden checks") if visibility == "hidden" \
        else msg("all checks")
    lines = [f"{task}: {result.score:g}/{result.max_score:g} ({render_label(which, lang)})"]
    said: dict[str, object] = {}   # message → the title of the first check that said it
    for check in result.checks:
        title = render_label(check.name, lang)
        lines.append(f"  {'✓' if check.passed else '✗'} {title}")
        if check.passed or not check.message:
            continue
        if str(check.message) in said:
            lines.append("      " + render(msg("(the same as {check} above)", check=said[str(check.message)]), lang)
                         .replace("\n", "\n      "))
            continue
        said[str(check.message)] = check.name
        lines.extend("      " + line for line in render(check.message, lang).splitlines())
    if getattr(result, "needs_review", False):
        lines.extend("  " + line for line in render(msg("(flagged for the instructor's review)"), lang).splitlines())
    lines.extend("  " + line for line in mistake_messages.task_lines(result, lang))
    return lines


class TaskReport:
    """What a test cell shows: the report, once. Jupyter displays it as HTML, a terminal as text."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def __str__(self) -> str:
        return "\n".join(self.lines)

    def _repr_html_(self) -> str:
        return f"<pre style='white-space: pre-wrap'>{html.escape(str(self))}</pre>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def _show(lines: list[str]) -> None:
    """Once: as HTML in a Jupyter front end (display picks ``_repr_html_``), as text anywhere else."""
    shell = _shell()
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import display

        display(TaskReport(lines))
    else:
        print(TaskReport(lines))


def check_task(assignment: str, task: str, visibility: str = "public", device: str = "cpu",
               source: str | None = None, lang: str = DEFAULT) -> float | None:
    """Grade one task of the code run so far in the sandbox; show the report (in ``lang``: "zh-TW",
    "en" or "both") and return the score. Raises TaskFailed, in one line, when the score is zero."""
    global _grader
    lang = normalise(lang)
    if source is None and os.environ.get(AUTOGRADE_ENV) == "1":
        print(render(msg("{task}: graded by classic-grade in the sandbox when nbgrader autogrades this notebook",
                         task=task), lang))
        return None
    shell = _shell() if source is None else None
    cells = history_cells(shell) if source is None else None
    use_scratch_hypothesis_storage()
    if _grader is None:
        # Imported at the first check, not with the module: nbgrader_config.py loads this module
        # (through the plugin) in every nbgrader command, which should not pay torch's import.
        from .grading import Grader

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
    _show(report_lines(task, result, visibility, lang))
    if result.max_score > 0 and result.score == 0:
        raise TaskFailed(render(msg("{task}: 0/{points:g}; see the report above", task=task,
                                    points=result.max_score), lang).replace("\n", " / ")) from None
    return float(result.score)
