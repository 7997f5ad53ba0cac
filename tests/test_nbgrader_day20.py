"""The day20 solution notebook's code meets the figures it teaches (torchvision's ResNet counts).

The notebook promises every assignment shares (nbgrader generates the released notebook, test cells
carry the rubric's points, stubs hide the solutions) are tested in tests/test_nbgrader_roundtrip.py.
"""
from __future__ import annotations


import pytest

from test_nbgrader_roundtrip import ROOT, read, solution_source

torch = pytest.importorskip("torch")

ASSIGNMENT = "day20"
SOLUTION_NB = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
TASKS = ["ResidualBlock", "BottleneckBlock", "PreActBlock", "ResNet"]
RESNET_PARAMETERS = {18: 11_689_512, 34: 21_797_672, 50: 25_557_032, 101: 44_549_160, 152: 60_192_808}


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
