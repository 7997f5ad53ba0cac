"""Loading: a submission becomes the cells a kernel would run, numbered the way the student finds them.

Pure loading, nothing executed: fast. Grading partial notebooks is tests/test_partial_notebooks.py.
"""
from pathlib import Path

import nbformat
from nbconvert.exporters import ScriptExporter

from classic_grade import loading

ROOT = Path(__file__).resolve().parents[1]


def _write(tmp_path, cells, name="day19.ipynb"):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    path = tmp_path / name
    path.write_text(nbformat.writes(nb))
    return path


def test_cells_are_numbered_by_position_among_all_cells(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_markdown_cell("# title"), nbformat.v4.new_code_cell("a = 1"),
                             nbformat.v4.new_markdown_cell("text"), nbformat.v4.new_code_cell("b = a + 1")])
    submission = loading.load(path)
    assert [(c.number, c.label, c.source) for c in submission.cells] == [(2, "cell 2", "a = 1"), (4, "cell 4", "b = a + 1")]
    assert submission.notes == [] and submission.error is None


def test_nbgrader_test_cells_and_classic_grade_calls_are_left_out_with_one_note(tmp_path):
    test_meta = {"nbgrader": {"grade": True, "solution": False, "grade_id": "t", "points": 1}}
    path = _write(tmp_path, [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("assert x == 1", metadata=test_meta),      # an nbgrader test, no classic_grade
        nbformat.v4.new_code_cell("from classic_grade.notebook import check_task"),
        nbformat.v4.new_code_cell("check_task('day19', 'conv1x1')"),        # uses what the test cell imported
        nbformat.v4.new_code_cell("### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS"),
        nbformat.v4.new_code_cell("y = 2"),
    ])
    submission = loading.load(path)
    assert [c.label for c in submission.runnable] == ["cell 1", "cell 6"]
    assert [c.label for c in submission.cells if c.skipped == "test cell"] == ["cell 2", "cell 3", "cell 4", "cell 5"]
    assert len(submission.notes) == 1 and "4 test cell(s)" in submission.notes[0]


def test_a_cell_that_does_not_parse_is_that_cells_problem_alone(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_code_cell("a = 1"), nbformat.v4.new_code_cell("def f(:\n    pass"),
                             nbformat.v4.new_code_cell("b = 2")])
    submission = loading.load(path)
    assert submission.error is None
    assert [c.label for c in submission.runnable] == ["cell 1", "cell 3"]
    assert len(submission.notes) == 1
    assert submission.notes[0].startswith("cell 2 does not parse") and "(line 1): def f(:" in submission.notes[0]


def test_magics_are_dropped_with_one_note_keeping_line_numbers(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_code_cell("%matplotlib inline\n!ls\nx = 1\n"),
                             nbformat.v4.new_code_cell("%%time\ny = 2")])
    submission = loading.load(path)
    assert len(submission.notes) == 1 and "3 IPython" in submission.notes[0]
    first = submission.cells[0].source.splitlines()
    assert first[2] == "x = 1" and first[0].startswith("pass")
    assert submission.cells[1].source == ""


def test_a_script_runs_statement_by_statement_and_a_broken_statement_is_its_own(tmp_path):
    path = tmp_path / "day19.py"
    path.write_text("import math\n\n@staticmethod\ndef broken(:\n    pass\n\nx = 1; y = 2\n"
                    "if x:\n    z = 3\nelse:\n    z = 4\n")
    submission = loading.load(path)
    assert [(c.number, c.skipped != "") for c in submission.cells] == [(1, False), (3, True), (7, False), (8, False)]
    assert submission.cells[3].source.endswith("z = 4")          # if/else stays one statement
    assert len(submission.notes) == 1 and "day19.py, line 3" in submission.notes[0]
    assert submission.cells[2].label == "day19.py, line 7"


def test_an_nbconvert_script_is_split_like_its_notebook_and_its_test_cells_are_left_out(tmp_path):
    released = nbformat.read(ROOT / "assignments" / "day19" / "day19.ipynb", as_version=4)
    script, _ = ScriptExporter().from_notebook_node(released)
    path = tmp_path / "day19.py"
    path.write_text(script)
    from_script = loading.load(path)
    from_notebook = loading.load(ROOT / "assignments" / "day19" / "day19.ipynb")
    assert from_script.error is None
    assert "classic_grade" not in from_script.source and "check_task" not in from_script.source
    assert "12 test cell(s)" in from_notebook.notes[0]
    assert any("test cell(s) were left out" in note for note in from_script.notes)
    # Every statement the notebook runs, the script runs (nbconvert adds only comments and blank lines).
    statements = [line for line in from_notebook.source.splitlines() if line.strip() and not line.startswith("#")]
    assert statements == [line for line in from_script.source.splitlines() if line.strip() and not line.startswith("#")]


def test_a_definition_of_a_task_is_found_in_its_cell(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_code_cell("import torch"),
                             nbformat.v4.new_code_cell("class InceptionBlock(torch.nn.Module):\n    pass"),
                             nbformat.v4.new_code_cell("conv_params = lambda *a: 0")])
    submission = loading.load(path)
    assert [c.label for c in submission.cells_defining("InceptionBlock")] == ["cell 2"]
    assert [c.label for c in submission.cells_defining("conv_params")] == ["cell 3"]


def test_cells_that_raised_become_one_note_each_and_unfinished_stubs_one_note(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_code_cell("a = 1")])
    submission = loading.load(path)
    submission.record_run([{"cell": "cell 4", "error_type": "ZeroDivisionError", "error": "tb 4"},
                           {"cell": "cell 6", "error_type": "NotImplementedError", "error": "tb 6"},
                           {"cell": "cell 9", "error_type": "NotImplementedError", "error": "tb 9"}])
    submission.record_run([{"cell": "cell 4", "error_type": "ZeroDivisionError", "error": "tb 4"}])  # a 2nd worker
    notes = submission.report_notes()
    assert len(notes) == 2
    assert notes[0].startswith("cell 4 raised ZeroDivisionError") and "tb 4" in notes[0]
    assert notes[1].startswith("cell 6, cell 9 raised NotImplementedError")


def test_an_older_notebook_format_is_upgraded_by_nbformat(tmp_path):
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {},
          "worksheets": [{"cells": [{"cell_type": "code", "input": "x = 1", "language": "python",
                                     "outputs": [], "metadata": {}}], "metadata": {}}]}
    path = tmp_path / "old.ipynb"
    path.write_text(__import__("json").dumps(v3))
    submission = loading.load(path)
    assert submission.error is None and submission.source == "x = 1"


def test_a_line_of_the_joined_source_is_found_in_its_cell(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_code_cell("a = 1\n"), nbformat.v4.new_markdown_cell("m"),
                             nbformat.v4.new_code_cell("b = 2\nc = 3")])
    submission = loading.load(path)
    lines = submission.source.splitlines()
    assert submission.where(lines.index("c = 3") + 1) == "cell 3, line 2"
    script = tmp_path / "day19.py"
    script.write_text("import math\n\n\nx = 1\n")
    loaded = loading.load(script)
    assert loaded.where(loaded.source.splitlines().index("x = 1") + 1) == "day19.py, line 4"


def test_cell_references_speak_the_language_of_the_report(tmp_path):
    from classic_grade.messages import render

    test_meta = {"nbgrader": {"grade": True, "solution": False, "grade_id": "t", "points": 1}}
    path = _write(tmp_path, [nbformat.v4.new_markdown_cell("m"), nbformat.v4.new_code_cell("a = 1\n%time a"),
                             nbformat.v4.new_code_cell("assert a == 1", metadata=test_meta)])
    submission = loading.load(path)
    assert submission.cells[0].label == "cell 2" and render(submission.cells[0].label, "zh-TW") == "第 2 格"
    notes = [render(note, "zh-TW") for note in submission.notes]
    assert any("第 3 格" in note for note in notes) and any("第 2 格，第 2 行" in note for note in notes), notes
    assert not any("cell " in note for note in notes), notes
    submission.record_run([{"cell": "cell 2", "error_type": "ValueError", "error": "Traceback ...\nValueError: x"}])
    ran = [render(note, "zh-TW") for note in submission.report_notes()][-1]
    assert ran.startswith("第 2 格 引發了 ValueError"), ran      # the worker's plain label, mapped back
    assert render(submission.report_notes()[-1], "en").startswith("cell 2 raised ValueError")


def test_the_text_report_says_a_repeated_message_once_per_task():
    from rich.console import Console

    from classic_grade.checks.outcome import CheckResult
    from classic_grade.grading import Report, TaskResult
    from classic_grade.reports import render_text

    line = "not implemented yet: InceptionBlock raised NotImplementedError (cell 15, line 10, in __init__)"
    checks = [CheckResult(c, c, 1.0, "public", False, line) for c in ("output_shape", "parameter_count")]
    report = Report("day19", "day19.ipynb", "0" * 64, [TaskResult("InceptionBlock", checks)], 0.1,
                    environment={"device": "cpu", "sandbox": {"backend": "namespaces"}})
    console = Console(record=True, width=200)
    render_text(report, console)
    text = console.export_text()
    assert text.count(line) == 1 and "InceptionBlock — output_shape, parameter_count" in text


def test_a_percent_that_continues_an_expression_is_python_not_a_magic(tmp_path):
    path = _write(tmp_path, [nbformat.v4.new_code_cell(
        "x = (7\n     % 4)\ny = 9 \\\n    % 5\ns = '''\n%not a magic\n'''\n%time z = 1")])
    submission = loading.load(path)
    assert submission.cells[0].source.splitlines()[:7] == ["x = (7", "     % 4)", "y = 9 \\", "    % 5", "s = '''",
                                                           "%not a magic", "'''"]
    assert len(submission.notes) == 1 and "1 IPython" in submission.notes[0] and "%time z = 1" in submission.notes[0]
