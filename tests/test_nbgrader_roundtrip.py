"""Every assignment's notebooks: solutions/ → nbgrader → assignments/, test-cell points, stubs;
and day19's and day21's solution facts (day20's and day22's are in test_nbgrader_dayNN.py).

- The checked-in released notebook must be exactly what `nbgrader generate_assignment` makes from
  the solutions notebook (so the two cannot drift).
- Every autograder test cell carries the points that the rubric gives its task and visibility.
- The solution code, run as plain Python, meets the figures the notebook teaches.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "day19"
SOLUTION_NB = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RELEASED_NB = ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RUBRIC = ROOT / "autograder" / "classic_grade" / "rubrics" / f"{ASSIGNMENT}.json"
TASKS = ["conv1x1", "conv_params", "InceptionBlock", "inception_macs", "FactorizedConv", "GoogLeNet"]
# Every assignment's task names, in notebook order (the rubric's): the generic tests below run for
# each assignment that has a rubric, so a new one is covered without an edit here.
TASKS_BY_ASSIGNMENT = {
    path.stem: [task["name"] for task in json.loads(path.read_text("utf-8"))["tasks"]]
    for path in sorted((ROOT / "autograder" / "classic_grade" / "rubrics").glob("*.json"))
}
TEST_CELL_ID = re.compile(r"^test_(?P<task>\w+)_(?P<visibility>public|hidden)$")


def read(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    return nb


def comparable(nb) -> list[dict]:
    """What matters in a notebook's cells: type, id, source and metadata (nbgrader's included)."""
    return [
        {"cell_type": c.cell_type, "id": c.get("id"), "source": c.source, "metadata": dict(c.metadata)}
        for c in nb.cells
    ]


def solution_source(nb) -> str:
    """The notebook's code as one plain-Python module: grading cells and IPython magics dropped."""
    chunks = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "classic_grade" in cell.source:
            continue
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks)


def nbgrader_command() -> list[str]:
    beside = Path(sys.executable).with_name("nbgrader")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "nbgrader"]


def notebook_paths(assignment: str) -> tuple[Path, Path]:
    return (ROOT / "solutions" / assignment / f"{assignment}.ipynb",
            ROOT / "assignments" / assignment / f"{assignment}.ipynb")


@pytest.mark.parametrize("assignment", sorted(TASKS_BY_ASSIGNMENT))
def test_released_notebook_is_what_nbgrader_generates(tmp_path, assignment):
    pytest.importorskip("nbgrader")
    _, released_nb = notebook_paths(assignment)
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    env = dict(os.environ)
    # nbgrader's gradebook runs the `alembic` script that sits beside the interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run(
        [*nbgrader_command(), "generate_assignment", assignment],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    generated = read(tmp_path / "assignments" / assignment / f"{assignment}.ipynb")
    released = read(released_nb)
    assert generated.metadata == released.metadata
    stale = f"{released_nb.relative_to(ROOT)} is stale: run `nbgrader generate_assignment {assignment} --force`"
    assert comparable(generated) == comparable(released), stale


def rubric_points(assignment: str = ASSIGNMENT) -> dict[tuple[str, str], int]:
    rubric = json.loads((ROOT / "autograder" / "classic_grade" / "rubrics" / f"{assignment}.json").read_text())
    points: dict[tuple[str, str], int] = {}
    for task in rubric["tasks"]:
        for check in task["checks"]:
            key = (task["name"], check["visibility"])
            points[key] = points.get(key, 0) + check["points"]
    return points


@pytest.mark.parametrize("assignment", sorted(TASKS_BY_ASSIGNMENT))
@pytest.mark.parametrize("released", [False, True], ids=["solutions", "assignments"])
def test_test_cell_points_match_the_rubric(assignment, released):
    solution_nb, released_nb = notebook_paths(assignment)
    path = released_nb if released else solution_nb
    expected = rubric_points(assignment)
    assert {task for task, _ in expected} == set(TASKS_BY_ASSIGNMENT[assignment])
    found: dict[tuple[str, str], int] = {}
    for cell in read(path).cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        match = TEST_CELL_ID.match(meta["grade_id"])
        assert match, f"unexpected graded cell {meta['grade_id']!r}"
        key = (match["task"], match["visibility"])
        assert key not in found, f"two test cells for {key}"
        found[key] = meta["points"]
        assert meta["locked"] and not meta["solution"]
        if not released or match["visibility"] == "public":  # released hidden cells are emptied
            assert f'check_task("{assignment}", "{match["task"]}"' in cell.source
    assert found == expected


# Calls that use every released stub of an assignment.
STUB_CALLS = {
    "day19": lambda ns: (lambda: ns["conv1x1"](2, 3), lambda: ns["conv_params"](2, 3, 1),
                         lambda: ns["InceptionBlock"](4, [1] * 6), lambda: ns["inception_macs"](4, [1] * 6, 2, 2),
                         lambda: ns["FactorizedConv"](2, 2, 3), lambda: ns["GoogLeNet"]()),
    "day20": lambda ns: (lambda: ns["ResidualBlock"](4, 4), lambda: ns["BottleneckBlock"](16, 4),
                         lambda: ns["PreActBlock"](4, 8, 2), lambda: ns["ResNet"](18)),
    "day22": lambda ns: (lambda: ns["SEModule"](8), lambda: ns["se_params"](8), lambda: ns["SEResidualBlock"](4, 4),
                         lambda: ns["ECAModule"](8)),
    "day21": lambda ns: (lambda: ns["GroupConv2d"](4, 4, 3, 2), lambda: ns["group_conv_params"](4, 4, 3, 2),
                         lambda: ns["ResNeXtBlock"](4, 4, 2, 2), lambda: ns["ResNeXt50"]()),
    "day23": lambda ns: (lambda: ns["DenseLayer"](4, 2), lambda: ns["DenseBlock"](2, 4, 2),
                         lambda: ns["dense_block_params"](2, 4, 2), lambda: ns["DepthwiseSeparableConv"](4, 8),
                         lambda: ns["separable_macs"](4, 8, 3, 3),
                         lambda: ns["channel_shuffle"](torch.zeros(1, 4, 1, 1), 2)),
}


@pytest.mark.parametrize("assignment", sorted(TASKS_BY_ASSIGNMENT))
def test_released_stubs_hide_solutions_and_hidden_tests(assignment):
    released = read(notebook_paths(assignment)[1])
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert 'visibility="hidden"' not in text
    answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.metadata.nbgrader.grade_id for c in answers] == [f"answer_{t}" for t in TASKS_BY_ASSIGNMENT[assignment]]
    for cell in answers:
        assert "raise NotImplementedError()" in cell.source
    # The stubs still define every name, and each raises NotImplementedError when used.
    setup = next(c.source for c in released.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    ns: dict = {}
    exec(compile("\n\n".join([setup] + [c.source for c in answers]), "stub", "exec"), ns)
    for call in STUB_CALLS[assignment](ns):
        with pytest.raises(NotImplementedError):
            call()


def test_solution_code_meets_the_figures():
    ns: dict = {"__name__": "__main__"}
    exec(compile(solution_source(read(SOLUTION_NB)), str(SOLUTION_NB), "exec"), ns)
    assert set(TASKS) <= set(ns)
    assert ns["conv_params"](192, 64, 1) == 12352
    assert ns["conv_params"](192, 64, (3, 3)) == 110656
    assert ns["conv_params"](64, 64, (1, 7), bias=False) == 28672
    assert ns["inception_macs"](192, [64, 96, 128, 16, 32, 32], 28, 28) == 128_049_152
    assert ns["inception_macs"](256, [128, 64, 192, 64, 96, 64], 28, 28) == 271_351_808
    with torch.device("meta"):
        net = ns["GoogLeNet"]()
    assert sum(p.numel() for p in net.parameters()) == 6_998_552
    block = ns["InceptionBlock"](192, [64, 96, 128, 16, 32, 32])
    assert block(torch.randn(1, 192, 28, 28)).shape == (1, 256, 28, 28)
    layer = ns["conv1x1"](192, 16)
    assert sum(p.numel() for p in layer.parameters()) == 192 * 16 + 16
    factorized = ns["FactorizedConv"](8, 4, 5)
    assert factorized(torch.randn(1, 8, 9, 7)).shape == (1, 4, 9, 7)


def test_day21_solution_code_meets_the_figures():
    solution_nb, _ = notebook_paths("day21")
    ns: dict = {"__name__": "__main__"}
    exec(compile(solution_source(read(solution_nb)), str(solution_nb), "exec"), ns)
    assert set(TASKS_BY_ASSIGNMENT["day21"]) <= set(ns)
    assert ns["group_conv_params"](64, 128, 3, 4) == 18_560
    assert ns["group_conv_params"](128, 128, (3, 3), 32, bias=False) == 4_608
    assert ns["group_conv_params"](32, 32, 3, 32) == 320
    with torch.device("meta"):
        net = ns["ResNeXt50"]()
    assert sum(p.numel() for p in net.parameters()) == 25_028_904
    # The hand-written grouped conv is nn.Conv2d(groups=g) with the weight cut per group.
    torch.manual_seed(0)
    library = torch.nn.Conv2d(6, 9, 3, stride=2, padding=1, groups=3)
    mine = ns["GroupConv2d"](6, 9, 3, 3, stride=2, padding=1)
    convs = [m for m in mine.modules() if isinstance(m, torch.nn.Conv2d)]
    with torch.no_grad():
        for conv, weight, bias in zip(convs, library.weight.chunk(3), library.bias.chunk(3)):
            conv.weight.copy_(weight)
            conv.bias.copy_(bias)
    x = torch.randn(2, 6, 7, 7)
    torch.testing.assert_close(mine(x), library(x))
    block = ns["ResNeXtBlock"](256, 256, 32, 4)
    conv_weights = sum(m.weight.numel() for m in block.modules() if isinstance(m, torch.nn.Conv2d))
    assert conv_weights == 70_144
    assert block(torch.randn(2, 256, 5, 5)).shape == (2, 256, 5, 5)
