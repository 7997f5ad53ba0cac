"""The nbgrader plugin's rewriting of test cells, on a grading given to it: partial credit as a
float, zero as an error, unknown test cells earn nothing, flagged tasks need a manual grade."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbgrader")

from nbgrader.api import Gradebook  # noqa: E402
from nbgrader.utils import determine_grade  # noqa: E402

from classic_grade.checks.outcome import CheckResult  # noqa: E402
from classic_grade.grading import Report, TaskResult  # noqa: E402
from classic_grade.nbgrader_plugin import FlagForReview, SandboxGrades  # noqa: E402


def graded_cell(grade_id: str, points: float, outputs=()) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell('from classic_grade.notebook import check_task\ncheck_task("day19", "x")')
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                                 "points": points, "schema_version": 3}
    cell.outputs = list(outputs)
    return cell


def sandbox_report(needs_review: bool) -> Report:
    conv = TaskResult("conv1x1", [CheckResult("a", "shape", 3, "public", True),
                                  CheckResult("b", "values", 2, "public", False, "wrong values"),
                                  CheckResult("c", "hidden", 2, "hidden", False, "hidden check: details are not shown")])
    # A task is flagged through its checks: one that could not be carried out needs review.
    params = TaskResult("conv_params", [CheckResult("d", "examples", 2, "public", not needs_review,
                                                    "not verified" if needs_review else "", None, needs_review)])
    return Report("day19", "day19.ipynb", "0" * 64, [conv, params], 1.0, ["cell 6: NotImplementedError"])


def rewrite(monkeypatch, cells, needs_review=False):
    monkeypatch.setattr(SandboxGrades, "_grade", lambda self, nb, notebook_id, assignment: sandbox_report(needs_review))
    notebook = nbformat.v4.new_notebook(cells=cells)
    resources = {"nbgrader": {"assignment": "day19", "notebook": "day19", "student": "ada"}}
    return SandboxGrades().preprocess(notebook, resources)


def test_each_test_cell_gets_the_sandboxs_score_whatever_the_kernel_left(monkeypatch):
    forged = nbformat.v4.new_output("execute_result", data={"text/plain": "99.0"})
    cells = [graded_cell("test_conv1x1_public", 5, [forged]), graded_cell("test_conv1x1_hidden", 2, [forged]),
             graded_cell("test_conv_params_public", 2), graded_cell("test_mine_public", 3, [forged])]
    notebook, resources = rewrite(monkeypatch, cells)
    assert [determine_grade(c)[0] for c in notebook.cells] == [3.0, 0, 2.0, 0]
    assert "wrong values" in notebook.cells[0].outputs[0].text
    assert "cell 6: NotImplementedError" in notebook.cells[0].outputs[0].text      # the notes, once
    assert "cell 6" not in notebook.cells[2].outputs[0].text
    assert "no day19 task" in notebook.cells[3].outputs[-1].evalue
    assert resources["classic_grade"]["needs_review"] == []


def test_a_flagged_task_needs_a_manual_grade(monkeypatch, tmp_path):
    notebook, resources = rewrite(monkeypatch, [graded_cell("test_conv_params_public", 2)], needs_review=True)
    assert resources["classic_grade"]["needs_review"] == ["test_conv_params_public"]
    # nbgrader's gradebook runs the `alembic` script that sits beside the interpreter.
    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    db_url = "sqlite:///" + str(tmp_path / "gradebook.db")
    with Gradebook(db_url) as gradebook:
        gradebook.add_assignment("day19")
        gradebook.add_notebook("day19", "day19")
        gradebook.add_grade_cell("test_conv_params_public", "day19", "day19", max_score=2, cell_type="code")
        gradebook.add_student("ada")
        gradebook.add_submission("day19", "ada")
    resources["nbgrader"]["db_url"] = db_url
    FlagForReview().preprocess(notebook, resources)
    with Gradebook(db_url) as gradebook:
        assert gradebook.find_grade("test_conv_params_public", "day19", "day19", "ada").needs_manual_grade


@pytest.mark.parametrize("module, unloaded", [
    # nbgrader_config.py loads the plugin in every nbgrader command (generate, collect, export...).
    ("classic_grade.nbgrader_plugin", ("torch",)),
    # The kernel of every student that autograde executes imports the test cells' check_task.
    ("classic_grade.notebook", ("torch", "nbformat")),
])
def test_loading_the_plugin_or_the_kernels_check_task_costs_no_torch_import(module, unloaded):
    import subprocess

    probe = f"import sys, {module}; print(' '.join(m for m in {unloaded!r} if m in sys.modules))"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(Path(__file__).parents[1] / p) for p in ("autograder", "reference")))
    loaded = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert loaded == [], f"importing {module} imported {loaded}: seconds added to every nbgrader command or kernel"


def test_the_kernel_is_killed_once_the_notebook_has_run_unless_the_course_asks_for_a_graceful_end():
    from traitlets.config import Config

    from classic_grade.nbgrader_plugin import SandboxExecute

    assert SandboxExecute().shutdown_kernel == "immediate"
    graceful = Config()
    graceful.Execute.shutdown_kernel = "graceful"   # what a course's nbgrader_config.py may say
    assert SandboxExecute(config=graceful).shutdown_kernel == "graceful"
