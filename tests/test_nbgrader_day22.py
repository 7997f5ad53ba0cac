"""The day22 notebooks, by day19's rules (test_nbgrader_roundtrip.py): the released notebook is what
nbgrader generates from the solutions notebook, test cells carry the rubric's points, the stubs hide
the solutions, and the solution code meets the figures the notebook teaches."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_nbgrader_roundtrip import TEST_CELL_ID, comparable, nbgrader_command, read, solution_source

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "day22"
SOLUTION_NB = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RELEASED_NB = ROOT / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
RUBRIC = ROOT / "autograder" / "classic_grade" / "rubrics" / f"{ASSIGNMENT}.json"
TASKS = ["SEModule", "se_params", "SEResidualBlock", "ECAModule"]


def test_released_notebook_is_what_nbgrader_generates(tmp_path):
    pytest.importorskip("nbgrader")
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, tmp_path / "solutions" / ASSIGNMENT)
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    env = dict(os.environ)
    # nbgrader's gradebook runs the `alembic` script that sits beside the interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run([*nbgrader_command(), "generate_assignment", ASSIGNMENT],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
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
        if path == SOLUTION_NB or match["visibility"] == "public":  # released hidden cells are emptied
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
    for call in (lambda: ns["SEModule"](8), lambda: ns["se_params"](8), lambda: ns["SEResidualBlock"](4, 4),
                 lambda: ns["ECAModule"](8)):
        with pytest.raises(NotImplementedError):
            call()


def test_solution_code_meets_the_figures():
    ns: dict = {"__name__": "__main__"}
    exec(compile(solution_source(read(SOLUTION_NB)), str(SOLUTION_NB), "exec"), ns)
    assert set(TASKS) <= set(ns)
    se_params = ns["se_params"]
    assert [se_params(c) for c in (64, 256, 2048)] == [580, 8464, 526_464]
    assert se_params(3) == 10 and se_params(256, 8) == 16_672
    # SE-ResNet-50: 2,530,992 parameters with biases; the paper's bias-free (2/r)·Σ N_s·C_s² is 2,514,944.
    stages = {256: 3, 512: 4, 1024: 6, 2048: 3}
    assert sum(n * se_params(c) for c, n in stages.items()) == 2_530_992
    assert sum(n * 2 * c * c // 16 for c, n in stages.items()) == 2_514_944
    for channels, reduction in [(32, 16), (3, 16), (20, 4)]:
        module = ns["SEModule"](channels, reduction)
        assert sum(p.numel() for p in module.parameters()) == se_params(channels, reduction)
    x = torch.randn(2, 16, 5, 5)
    block = ns["SEResidualBlock"](16, 16, reduction=4).eval()
    with torch.no_grad():
        for p in block.parameters():
            p.zero_()
    assert torch.allclose(block(x), torch.relu(x))
    assert ns["SEResidualBlock"](16, 32, 2, 4)(x).shape == (2, 32, 3, 3)
    eca = ns["ECAModule"](256, k_size=5)
    assert sum(p.numel() for p in eca.parameters()) == 5
    assert eca(torch.randn(1, 256, 2, 2)).shape == (1, 256, 2, 2)
