"""Real notebooks, graded the way a kernel runs them: unfinished work costs the unfinished tasks alone.

Every notebook here is built with nbformat from the course's own files: the released stubs in
``assignments/<day>/<day>.ipynb`` and the solutions in ``solutions/<day>/<day>.ipynb``. Grading uses
the public checks and the session's warm grader. On a loaded 2-core machine the first-k-tasks sweep
takes about 4 minutes for the four assignments (most of it the network tasks); the other tests a few
seconds each.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import ScriptExporter

from classic_grade import rubric as rubrics

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = [name for name in rubrics.assignments() if (ROOT / "solutions" / name / f"{name}.ipynb").is_file()]


def _grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def _solutions(assignment: str) -> dict[str, str]:
    solution = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    return {_grade_id(c)[len("answer_"):]: c.source for c in solution.cells if _grade_id(c).startswith("answer_")}


def released(assignment: str):
    return nbformat.read(ROOT / "assignments" / assignment / f"{assignment}.ipynb", as_version=4)


def answer_index(notebook, task: str) -> int:
    return next(i for i, c in enumerate(notebook.cells) if _grade_id(c) == f"answer_{task}")


def with_answers(assignment: str, done: list[str]):
    """The released notebook with the solution's answer cells for ``done``; the rest left as stubs,
    and every other cell (try-it cells that call the stubs, test cells) as released."""
    notebook = released(assignment)
    answers = _solutions(assignment)
    for task in done:
        notebook.cells[answer_index(notebook, task)].source = answers[task]
    return notebook


def write(tmp_path, notebook, name: str) -> Path:
    path = tmp_path / name
    nbformat.write(notebook, path)
    return path


def scores(report) -> dict[str, float]:
    return {task.name: task.score for task in report.tasks}


SWEEP = [pytest.param(assignment, k, id=f"{assignment}-first{k}")
         for assignment in ASSIGNMENTS for k in range(len(rubrics.load(assignment).tasks) + 1)]


@pytest.mark.parametrize("assignment, k", SWEEP)
def test_a_notebook_with_the_first_k_tasks_done_scores_exactly_their_points(grader, tmp_path, assignment, k):
    rubric = rubrics.load(assignment)
    done = [task.name for task in rubric.tasks[:k]]
    path = write(tmp_path, with_answers(assignment, done), f"{assignment}.ipynb")
    report = grader.grade(path, assignment, "public")
    expected = {task.name: task.points("public") if task.name in done else 0.0 for task in rubric.tasks}
    assert scores(report) == expected, [(t.name, c.name, c.message[:200]) for t in report.tasks
                                        for c in t.checks if c.passed != (t.name in done)]
    assert report.errors == []
    for task in report.tasks:
        if task.name not in done:   # one plain line per check, no traceback
            assert all(c.message.startswith("not implemented yet") or ": not implemented yet" in c.message
                       for c in task.checks), task.checks[0].message
            assert all("Traceback" not in c.message for c in task.checks)


def test_a_syntax_error_in_one_cell_costs_that_cells_task_alone(grader, tmp_path):
    notebook = with_answers("day19", [t.name for t in rubrics.load("day19").tasks])
    broken = answer_index(notebook, "FactorizedConv")
    notebook.cells[broken].source = notebook.cells[broken].source.replace("def __init__(self", "def __init__(self,,", 1)
    report = grader.grade(write(tmp_path, notebook, "day19.ipynb"), "day19", "public",
                          tasks=["conv_params", "inception_macs", "FactorizedConv"])
    assert scores(report) == {"conv_params": 2.0, "inception_macs": 2.0, "FactorizedConv": 0.0}
    label = f"cell {broken + 1}"
    assert any(note.startswith(f"{label} does not parse") for note in report.notes), report.notes
    message = report.tasks[2].checks[0].message
    assert message.startswith("not implemented yet") and label in message and "does not parse" in message


def test_a_later_definition_wins_as_in_a_kernel(grader, tmp_path):
    answers = _solutions("day19")
    notebook = with_answers("day19", ["conv1x1", "conv_params", "InceptionBlock", "inception_macs"])
    # A wrong conv_params in its answer cell, corrected in a cell further down; a correct
    # inception_macs in its answer cell, overwritten by a wrong one further down.
    notebook.cells[answer_index(notebook, "conv_params")].source = (
        "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n    return 0\n")
    notebook.cells.append(nbformat.v4.new_code_cell(answers["conv_params"]))
    notebook.cells.append(nbformat.v4.new_code_cell(
        "def inception_macs(in_channels, filter_list, height, width):\n    return 1\n"))
    report = grader.grade(write(tmp_path, notebook, "day19.ipynb"), "day19", "public",
                          tasks=["conv_params", "inception_macs"])
    assert scores(report) == {"conv_params": 2.0, "inception_macs": 0.0}


def test_a_students_helper_cell_is_honoured_and_a_failing_cell_is_cited_by_number(grader, tmp_path):
    notebook = released("day19")
    answer = answer_index(notebook, "conv_params")
    helper = ("def kernel_area(kernel_size):\n"
              "    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size\n"
              "    return kh * kw\n")
    notebook.cells.insert(answer, nbformat.v4.new_code_cell(helper))
    notebook.cells[answer + 1].source = (
        "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n"
        "    return kernel_area(kernel_size) * in_channels * out_channels + (out_channels if bias else 0)\n")
    notebook.cells.insert(answer + 2, nbformat.v4.new_code_cell("ratio = 1\nratio = ratio / 0\n"))
    report = grader.grade(write(tmp_path, notebook, "day19.ipynb"), "day19", "public",
                          tasks=["conv_params", "inception_macs"])
    assert scores(report) == {"conv_params": 2.0, "inception_macs": 0.0}
    label = f"cell {answer + 3}"
    failing = next(note for note in report.notes if note.startswith(f"{label} raised ZeroDivisionError"))
    assert f"{label}, line 2" in failing and "ratio = ratio / 0" in failing


def test_a_missing_task_scores_zero_with_one_plain_line(grader, tmp_path):
    notebook = with_answers("day19", ["conv_params", "inception_macs"])
    del notebook.cells[answer_index(notebook, "inception_macs")]
    report = grader.grade(write(tmp_path, notebook, "day19.ipynb"), "day19", "public",
                          tasks=["conv_params", "inception_macs"])
    assert scores(report) == {"conv_params": 2.0, "inception_macs": 0.0}
    assert all("not implemented yet: the submission does not define 'inception_macs'" in c.message
               for c in report.tasks[1].checks)


def test_an_nbconvert_script_with_its_test_cells_grades_like_the_notebook(grader, tmp_path):
    notebook = with_answers("day19", ["conv1x1", "conv_params"])
    script, _ = ScriptExporter().from_notebook_node(notebook)
    assert "check_task(" in script
    tasks = ["conv_params", "inception_macs"]
    as_notebook = grader.grade(write(tmp_path, notebook, "day19.ipynb"), "day19", "public", tasks=tasks)
    path = tmp_path / "day19.py"
    path.write_text(script)
    as_script = grader.grade(path, "day19", "public", tasks=tasks)
    assert scores(as_script) == scores(as_notebook) == {"conv_params": 2.0, "inception_macs": 0.0}
    assert not any("orbidden" in c.message for t in as_script.tasks for c in t.checks)
    assert any("test cell(s) were left out" in note for note in as_script.notes)


def test_a_future_import_carries_into_later_cells_as_in_ipython(grader, tmp_path):
    notebook = released("day19")
    notebook.cells.insert(0, nbformat.v4.new_code_cell("from __future__ import annotations"))
    notebook.cells[answer_index(notebook, "conv_params")].source = (
        "def conv_params(in_channels: Channels, out_channels: Channels, kernel_size, bias=True) -> Count:\n"
        "    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size\n"
        "    return kh * kw * in_channels * out_channels + (out_channels if bias else 0)\n")
    report = grader.grade(write(tmp_path, notebook, "day19.ipynb"), "day19", "public", tasks=["conv_params"])
    assert scores(report) == {"conv_params": 2.0}
