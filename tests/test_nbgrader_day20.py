"""The day20 notebooks: solutions/ → nbgrader → assignments/, test-cell points, solution facts.

The same three promises as day19's (tests/test_nbgrader_roundtrip.py, whose helpers this reuses):
the released notebook is what nbgrader generates, every test cell carries the rubric's points, and
the solution code meets the figures the notebook teaches.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_nbgrader_roundtrip import ROOT, TEST_CELL_ID, comparable, nbgrader_command, read, solution_source

torch = pytest.importorskip("torch")

ASSIGNMENT = "day20"
SOLUTION_NB = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RELEASED_NB = ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RUBRIC = ROOT / "autograder" / "classic_grade" / "rubrics" / f"{ASSIGNMENT}.json"
TASKS = ["ResidualBlock", "BottleneckBlock", "PreActBlock", "ResNet"]
RESNET_PARAMETERS = {18: 11_689_512, 34: 21_797_672, 50: 25_557_032, 101: 44_549_160, 152: 60_192_808}


def test_released_notebook_is_what_nbgrader_generates(tmp_path):
    pytest.importorskip("nbgrader")
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run([*nbgrader_command(), "generate_assignment", ASSIGNMENT],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    generated = read(tmp_path / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    released = read(RELEASED_NB)
    assert generated.metadata == released.metadata
    stale = f"{RELEASED_NB.relative_to(ROOT)} is stale: run `nbgrader generate_assignment {ASSIGNMENT} --force`"
    assert comparable(generated) == comparable(released), stale


def rubric_points() -> dict[tuple[str, str], float]:
    points: dict[tuple[str, str], float] = {}
    for task in json.loads(RUBRIC.read_text())["tasks"]:
        for check in task["checks"]:
            key = (task["name"], check["visibility"])
            points[key] = points.get(key, 0) + check["points"]
    return points


@pytest.mark.parametrize("path", [SOLUTION_NB, RELEASED_NB], ids=["solutions", "assignments"])
def test_test_cell_points_match_the_rubric(path):
    expected = rubric_points()
    assert {task for task, _ in expected} == set(TASKS)
    found: dict[tuple[str, str], float] = {}
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
        if path == SOLUTION_NB or match["visibility"] == "public":
            assert f'check_task("{ASSIGNMENT}", "{match["task"]}"' in cell.source
    assert found == expected


def test_released_stubs_hide_solutions_and_hidden_tests():
    released = read(RELEASED_NB)
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert 'visibility="hidden"' not in text
    answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.metadata.nbgrader.grade_id for c in answers] == [f"answer_{t}" for t in TASKS]
    setup = next(c.source for c in released.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    ns: dict = {}
    exec(compile("\n\n".join([setup] + [c.source for c in answers]), "stub", "exec"), ns)
    for call in (lambda: ns["ResidualBlock"](4, 4), lambda: ns["BottleneckBlock"](16, 4),
                 lambda: ns["PreActBlock"](4, 8, 2), lambda: ns["ResNet"](18)):
        with pytest.raises(NotImplementedError):
            call()


@pytest.fixture(scope="module")
def solution():
    ns: dict = {"__name__": "__main__"}
    exec(compile(solution_source(read(SOLUTION_NB)), str(SOLUTION_NB), "exec"), ns)
    assert set(TASKS) <= set(ns)
    return ns


@pytest.mark.parametrize("depth", sorted(RESNET_PARAMETERS))
def test_solution_resnet_has_torchvisions_parameter_count(solution, depth):
    with torch.device("meta"):
        net = solution["ResNet"](depth)
    assert sum(p.numel() for p in net.parameters()) == RESNET_PARAMETERS[depth]


def test_solution_blocks_meet_the_figures(solution):
    nn = torch.nn
    block = solution["BottleneckBlock"](256, 64)
    assert sum(m.weight.numel() for m in block.modules() if isinstance(m, nn.Conv2d)) == 69_632
    x = torch.randn(2, 64, 9, 9)
    assert solution["ResidualBlock"](64, 128, stride=2)(x).shape == (2, 128, 5, 5)
    assert sum(p.numel() for p in solution["ResidualBlock"](64, 64).parameters()) == 73_984
    assert sum(p.numel() for p in solution["ResidualBlock"](64, 128, 2).parameters()) == 230_144
    # The identity path the notebook teaches: zeroed, the basic block is ReLU(x), the pre-activation x.
    for name, expected in (("ResidualBlock", torch.relu(x)), ("PreActBlock", x)):
        zeroed = solution[name](64, 64).eval()
        with torch.no_grad():
            for p in zeroed.parameters():
                p.zero_()
            assert torch.equal(zeroed(x), expected), name
