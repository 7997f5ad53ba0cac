"""Where the student is: check_task grades the kernel's executions, and its report cites them as
Jupyter shows them ("In [7], line 3"), not by their place in a file the student never saw."""
from __future__ import annotations

import nbformat

from classic_grade import loading
from classic_grade.messages import render
from classic_grade.notebook import _write_notebook

BROKEN = '''import torch
from torch import nn


class Broken(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        raise ValueError("boom")


def conv1x1(in_channels, out_channels):
    return Broken(in_channels, out_channels)
'''


def test_kernel_executions_are_cited_by_their_execution_count(tmp_path, grader):
    path = _write_notebook([(3, "import math"), (7, BROKEN), (9, "y = 1 / 0")], str(tmp_path), "day19")
    cells = loading.load(path).cells
    assert [c.label for c in cells] == ["In [3]", "In [7]", "In [9]"]
    report = grader.grade(path, "day19", tasks=["conv1x1"])
    message = report.tasks[0].checks[0].message
    assert 'In [7], line 11, in forward' in message, message
    assert any(str(note).startswith("In [9] raised ZeroDivisionError") for note in report.notes), report.notes
    chinese = render(message, "zh-TW")
    assert "In [7], line 11" in chinese and "你的程式引發了 ValueError" in chinese


def test_a_submitted_notebook_keeps_its_cell_positions_whatever_its_metadata(tmp_path):
    cells = [nbformat.v4.new_markdown_cell("# day19"),
             nbformat.v4.new_code_cell("x = 1", metadata={loading.EXECUTION_KEY: "7; rm -rf"}),
             nbformat.v4.new_code_cell("y = 2", metadata={loading.EXECUTION_KEY: True})]
    path = tmp_path / "day19.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    assert [c.label for c in loading.load(path).cells] == ["cell 2", "cell 3"]
