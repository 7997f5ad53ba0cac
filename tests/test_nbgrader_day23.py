"""The day23 solution notebook's code meets the figures it teaches.

The notebook promises every assignment shares (nbgrader generates the released notebook, test cells
carry the rubric's points, stubs hide the solutions) are tested in tests/test_nbgrader_roundtrip.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_nbgrader_roundtrip import read, solution_source

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_NB = ROOT / "solutions" / "day23" / "day23.ipynb"
TASKS = ["DenseLayer", "DenseBlock", "dense_block_params", "DepthwiseSeparableConv", "separable_macs",
         "channel_shuffle"]


def test_solution_code_meets_the_figures():
    ns: dict = {"__name__": "__main__"}
    exec(compile(solution_source(read(SOLUTION_NB)), str(SOLUTION_NB), "exec"), ns)
    assert set(TASKS) <= set(ns)
    # DenseNet-121's first block (Huang et al. 2017, Table 1) and its layers' input widths.
    assert ns["dense_block_params"](6, 64, 32) == 335_040
    block = ns["DenseBlock"](6, 64, 32)
    assert sum(p.numel() for p in block.parameters()) == 335_040
    x = torch.randn(1, 64, 5, 5)
    y = block.eval()(x)
    assert y.shape == (1, 256, 5, 5) and torch.equal(y[:, :64], x)
    layer = ns["DenseLayer"](64, 32)
    assert sum(p.numel() for p in layer.parameters()) == 45_440
    plain = ns["DenseLayer"](5, 3, bottleneck=None)
    assert sum(p.numel() for p in plain.parameters()) == 2 * 5 + 9 * 5 * 3
    # MobileNet's Table 3 row: 52.3 M against 462 M mult-adds.
    assert ns["separable_macs"](512, 512, 14, 14) == (52_283_392, 462_422_016)
    unit = ns["DepthwiseSeparableConv"](32, 64, stride=2)
    assert sum(p.numel() for p in unit.parameters()) == 2_528
    assert unit(torch.randn(2, 32, 15, 15)).shape == (2, 64, 8, 8)
    # The shuffle's documented orders, and a new tensor with the input left alone.
    labelled = torch.arange(6.0).view(1, 6, 1, 1)
    assert ns["channel_shuffle"](labelled, 2).flatten().tolist() == [0, 3, 1, 4, 2, 5]
    assert ns["channel_shuffle"](labelled, 3).flatten().tolist() == [0, 2, 4, 1, 3, 5]
    assert labelled.flatten().tolist() == [0, 1, 2, 3, 4, 5]
