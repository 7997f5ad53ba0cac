"""check_task in a live Jupyter kernel (nbclient): it grades what the kernel holds now, shows its
report once, and gives nbgrader a float (partial credit) or an error (zero)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]

DEFINITION = '''def conv_params(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return in_channels * out_channels * kh * kw + (out_channels if bias else 0)
'''
CELLS = [
    "import torch\nfrom torch import nn",
    "from classic_grade.notebook import check_task",
    # A typo: the cell raises after defining a first attempt; the student fixes it and re-runs.
    DEFINITION.replace("kh * kw", "kh") + "print(conv_parms(192, 64, 1))",
    DEFINITION + "print(conv_params(192, 64, 1))",
    'check_task("day19", "conv_params")',
    "def conv1x1(in_channels, out_channels):\n    raise NotImplementedError()",
    'check_task("day19", "conv1x1")',
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kernel")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    env_path = os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference"), os.environ.get("PYTHONPATH", "")])
    os.environ["PYTHONPATH"] = env_path  # the kernel inherits it: it must import this checkout
    client = nbclient.NotebookClient(notebook, timeout=600, allow_errors=True, kernel_name="python3",
                                     resources={"metadata": {"path": str(folder)}})
    client.execute()
    return notebook, folder


def test_a_failed_then_fixed_cell_does_not_fail_later_checks(executed):
    notebook, _ = executed
    assert notebook.cells[2].outputs[-1].output_type == "error"   # the typo did fail in the kernel
    outputs = notebook.cells[4].outputs
    assert [o.output_type for o in outputs] == ["display_data", "execute_result"], outputs
    assert outputs[-1].data["text/plain"] == "2.0"                 # the cell's value: the task's score
    assert "conv_params: 2/2" in outputs[0].data["text/html"]        # the report, shown once


def test_a_task_that_scores_zero_fails_its_cell_once(executed):
    notebook, folder = executed
    outputs = notebook.cells[6].outputs
    assert [o.output_type for o in outputs] == ["display_data", "error"], outputs
    assert outputs[-1].ename == "TaskFailed"
    # One short line, no frames of the grader's: the report above says what went wrong.
    assert not any("classic_grade" in line or "notebook.py" in line for line in outputs[-1].traceback), \
        outputs[-1].traceback
    assert "conv1x1: 0/5" in outputs[0].data["text/html"]
    assert "not implemented" in outputs[0].data["text/html"].lower() or "NotImplementedError" in outputs[0].data["text/html"]
    assert not (folder / ".hypothesis").exists()      # nothing of the grader's is left in the student's folder
