"""nbgrader autograde with the sandbox's grades: the kernel's outputs never decide a score.

nbgrader scores an autograder test cell from the outputs its kernel left (an error: zero; a float
value: partial credit; anything else: full credit), so a student's kernel that patches
``check_task``, ``AssertionError`` or IPython's display hooks could award itself any grade. With
these preprocessors (``nbgrader_config.py`` enables them):

- ``SandboxExecute`` is nbgrader's Execute with the kernel told (an environment variable) that its
  ``check_task`` is not the grade, so each test cell answers at once instead of grading again;
- ``SandboxGrades`` grades the submission after execution: the submitted notebook as nbgrader
  sanitized it (test cells restored from the gradebook, outputs cleared) is written to a scratch
  folder and graded out of process with every check, the engine behind ``classic-grade grade
  --all``; then every test cell's outputs are replaced by that grading's score and feedback, so
  SaveAutoGrades records the sandbox's score and generate_feedback shows its feedback;
- ``FlagForReview`` (after SaveAutoGrades) marks the cells of tasks the grader flagged
  ``needs_review`` as needing a manual grade in the gradebook.

Test cells are named ``test_<task>_<public|hidden>`` (see solutions/); a test cell with another
name scores zero with a note, since no sandboxed check stands behind it.
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.preprocessors import (
    AssignLatePenalties, CheckCellMetadata, Execute, IgnorePattern, LimitOutput, NbGraderPreprocessor,
    SaveAutoGrades,
)
from nbgrader.utils import is_grade, is_solution
from nbconvert.preprocessors import ClearMetadataPreprocessor
from traitlets import Bool, Unicode, default

from . import collector
from .messages import DEFAULT, msg, render, render_label
from .notebook import AUTOGRADE_ENV, report_lines, use_scratch_hypothesis_storage

TEST_CELL = re.compile(r"^test_(?P<task>\w+)_(?P<visibility>public|hidden)$")
RESOURCE_KEY = "classic_grade"


class SandboxExecute(Execute):
    """nbgrader's Execute, with the kernel's check_task reduced to a note: its verdict is
    discarded anyway, and grading twice would double the time per student."""

    @default("shutdown_kernel")
    def _kill_when_done(self):
        # Once the last cell has run nothing reads the kernel again, and a graceful shutdown waits
        # for it to answer and exit: about 0.35 s per student (a day19 stub: 2.75-2.96 s executed
        # with it, 2.27-2.60 s without). Killing also takes the kernel's process group with it.
        # c.Execute.shutdown_kernel = "graceful" in nbgrader_config.py restores nbgrader's way.
        return "immediate"

    def preprocess(self, nb, resources):
        before = os.environ.get(AUTOGRADE_ENV)
        os.environ[AUTOGRADE_ENV] = "1"   # the kernel inherits the environment at start
        try:
            return super().preprocess(nb, resources)
        finally:
            if before is None:
                os.environ.pop(AUTOGRADE_ENV, None)
            else:
                os.environ[AUTOGRADE_ENV] = before


class SandboxGrades(NbGraderPreprocessor):
    """Grade the submission in the sandbox; rewrite every test cell's outputs from that grading."""

    device = Unicode("cpu", help="the device the checks run on (cpu, cuda, auto)").tag(config=True)
    allow_unsandboxed = Bool(False, help="grade even where no sandbox passes its self-check "
                                         "(the hidden checks then run on untrusted code)").tag(config=True)

    _grader = None   # one torch-warm zygote for every notebook of an autograde run

    @classmethod
    def grader(cls, device: str, allow_unsandboxed: bool):
        if cls._grader is None:
            use_scratch_hypothesis_storage()   # its cache must not land in the course's folders
            with collector.engine_start():
                from .grading import Grader
            grader = Grader(device)
            grader.zygote.ready()
            if grader.zygote.backend == "unsandboxed" and not allow_unsandboxed:
                grader.close()
                raise RuntimeError("no sandbox passed its self-check here; set "
                                   "c.SandboxGrades.allow_unsandboxed = True to grade without one")
            atexit.register(grader.close)
            cls._grader = grader
        return cls._grader

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        report = self._grade(nb, resources["nbgrader"]["notebook"], assignment)
        tasks = {task.name: task for task in report.tasks}
        flagged = []
        notes = report.notes   # what the grader noted about the whole file: under the first test cell only
        for cell in nb.cells:
            if cell.cell_type != "code" or not is_grade(cell) or is_solution(cell):
                continue
            grade_id = cell.metadata.nbgrader["grade_id"]
            match = TEST_CELL.match(grade_id)
            task = tasks.get(match["task"]) if match else None
            if task is None:
                cell.outputs = _failed(f"{grade_id}: no {assignment} task of classic-grade stands behind this "
                                       "test cell, so it earns nothing")
                continue
            visibility = match["visibility"]
            checks = [c for c in task.checks if c.visibility == visibility]
            view = _TaskView(task.name, checks, getattr(task, "needs_review", False))
            cell.outputs = _outputs(view, visibility, notes, float(cell.metadata.nbgrader["points"]))
            notes = []
            if view.needs_review or any(getattr(c, "needs_review", False) for c in checks):
                flagged.append(grade_id)
        resources[RESOURCE_KEY] = {"needs_review": flagged, "score": report.score, "max_score": report.max_score}
        self.log.info("classic-grade: %s scored %g/%g in the sandbox", resources["nbgrader"]["student"],
                      report.score, report.max_score)
        return nb, resources

    def _grade(self, nb, notebook_id: str, assignment: str):
        grader = self.grader(self.device, self.allow_unsandboxed)
        submitted = nbformat.from_dict(nb)
        for cell in submitted.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        folder = tempfile.mkdtemp(prefix="classic-grade-autograde-")   # never in the course's folders
        try:
            path = Path(folder) / f"{notebook_id}.ipynb"
            nbformat.write(submitted, str(path))
            return grader.grade(path, assignment, "all")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources


class _TaskView:
    """One test cell's share of a task: the checks of its visibility."""

    def __init__(self, name, checks, needs_review):
        self.name, self.checks, self.needs_review = name, checks, needs_review
        self.score = sum(c.score for c in checks)
        self.max_score = sum(c.points for c in checks)


def _outputs(view: _TaskView, visibility: str, notes: list[str], points: float) -> list:
    lines = report_lines(view.name, view, visibility)
    if notes:
        lines += ["", render_label(msg("Notes on the submission:"), DEFAULT)]
        lines += ["  " + line for note in notes for line in render(note, DEFAULT).splitlines()]
    feedback = nbformat.v4.new_output("stream", name="stdout", text="\n".join(lines) + "\n")
    # The cell's points are the rubric's (tests/test_nbgrader_roundtrip.py keeps them equal); scale
    # all the same so a cell can never be credited beyond what the sandbox found.
    score = points * view.score / view.max_score if view.max_score else 0.0
    if score <= 0:
        return [feedback] + _failed(f"{view.name}: 0/{points:g} in the sandbox")
    return [feedback, nbformat.v4.new_output("execute_result", data={"text/plain": repr(round(score, 6))},
                                             execution_count=None)]


def _failed(message: str) -> list:
    # nbgrader scores a cell with an error output zero (a value of 0 would be full credit).
    return [nbformat.v4.new_output("error", ename="TaskFailed", evalue=message, traceback=[message])]


class FlagForReview(NbGraderPreprocessor):
    """Mark the test cells of tasks the grader could not settle as needing a manual grade."""

    def preprocess(self, nb, resources):
        flagged = resources.get(RESOURCE_KEY, {}).get("needs_review", [])
        if flagged:
            ids = resources["nbgrader"]
            with Gradebook(ids["db_url"]) as gradebook:
                for grade_id in flagged:
                    grade = gradebook.find_grade(grade_id, ids["notebook"], ids["assignment"], ids["student"])
                    grade.needs_manual_grade = True
                gradebook.db.commit()
        return nb, resources

    def preprocess_cell(self, cell, resources, index):  # pragma: no cover - preprocess does the work
        return cell, resources


def autograde_preprocessors() -> list:
    """nbgrader's own list, with Execute replaced and the sandbox's grading put just before
    SaveAutoGrades, so nothing after it touches a test cell's outputs before they are recorded."""
    return [SandboxExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SandboxGrades,
            SaveAutoGrades, FlagForReview, AssignLatePenalties, CheckCellMetadata]
