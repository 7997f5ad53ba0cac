"""The day22 solution notebook's code meets the figures it teaches.

The notebook promises every assignment shares (nbgrader generates the released notebook, test cells
carry the rubric's points, stubs hide the solutions) are tested in tests/test_nbgrader_roundtrip.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_nbgrader_roundtrip import read, solution_source

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "day22"
SOLUTION_NB = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
TASKS = ["SEModule", "se_params", "SEResidualBlock", "ECAModule"]


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
