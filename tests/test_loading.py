import json

import nbformat

from classic_grade import loading


def _notebook(tmp_path, cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    path = tmp_path / "day19.ipynb"
    path.write_text(nbformat.writes(nb))
    return path


def test_magics_and_shell_lines_are_dropped_with_a_note(tmp_path):
    path = _notebook(tmp_path, ["%matplotlib inline\nimport math\n!pip install torch\nx = 1",
                                "%%time\ny = 2", "from classic_grade.notebook import check_task"])
    submission = loading.load(path)
    assert submission.error is None
    assert "import math" in submission.source and "x = 1" in submission.source
    assert "pip install" not in submission.source.replace("# dropped: !pip install torch", "")
    assert "y = 2" not in submission.source
    assert "check_task" not in submission.source
    assert len(submission.notes) == 2   # one for the test cell, one for the three IPython lines


def test_broken_inputs_become_messages_not_tracebacks(tmp_path):
    bad_json = tmp_path / "a.ipynb"
    bad_json.write_text("{not json")
    assert "not a readable notebook" in loading.load(bad_json).error
    syntax = tmp_path / "b.py"
    syntax.write_text("def f(:\n    pass\n")
    # A statement that does not parse is that statement's problem alone (as one cell in a kernel).
    assert "does not parse" in loading.load(syntax).notes[0] and "line 1" in loading.load(syntax).notes[0]
    assert not loading.load(syntax).runnable
    missing = tmp_path / "c.py"
    assert "cannot read" in loading.load(missing).error
    not_a_notebook = tmp_path / "d.ipynb"
    not_a_notebook.write_text(json.dumps([1, 2]))
    assert loading.load(not_a_notebook).error


def test_unparseable_submission_is_graded_zero_with_its_message(grader, tmp_path):
    path = tmp_path / "day19.py"
    path.write_text("def conv1x1(:\n")
    report = grader.grade(path, "day19", "public")
    assert report.score == 0 and report.max_score > 0
    # The task the broken statement defines cites it; the others are simply not implemented yet.
    assert all("does not parse" in c.message for t in report.tasks if t.name == "conv1x1" for c in t.checks)
    assert all("not implemented yet" in c.message for t in report.tasks for c in t.checks)
    assert any("day19.py, line 1" in note and "does not parse" in note for note in report.notes)


def test_missing_task_name_is_named(grader, tmp_path):
    path = tmp_path / "day19.py"
    path.write_text("import torch\n")
    report = grader.grade(path, "day19", "public", tasks=["conv_params"])
    assert "does not define 'conv_params'" in report.tasks[0].checks[0].message
