"""Each solution notebook's code, run as plain Python, meets the figures its notebook teaches (the
papers' and torchvision's counts, the lecture's worked examples). The notebook promises every
assignment shares are tested in test_nbgrader_roundtrip.py.
"""
from __future__ import annotations

from functools import cache

import pytest

from classic_grade import rubric
from test_nbgrader_roundtrip import ROOT, read, solution_source

torch = pytest.importorskip("torch")


@cache
def solution(assignment: str) -> dict:
    """The namespace of the assignment's solution notebook, run once per session."""
    path = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    ns: dict = {"__name__": "__main__"}
    exec(compile(solution_source(read(path)), str(path), "exec"), ns)
    missing = {t.name for t in rubric.load(assignment).tasks} - set(ns)
    assert not missing, f"{path} does not define {sorted(missing)}"
    return ns


def test_day19_solution_meets_the_figures():
    ns = solution("day19")
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


RESNET_PARAMETERS = {18: 11_689_512, 34: 21_797_672, 50: 25_557_032, 101: 44_549_160, 152: 60_192_808}


@pytest.mark.parametrize("depth", sorted(RESNET_PARAMETERS))
def test_day20_solution_resnet_has_torchvisions_parameter_count(depth):
    ns = solution("day20")
    with torch.device("meta"):
        net = ns["ResNet"](depth)
    assert sum(p.numel() for p in net.parameters()) == RESNET_PARAMETERS[depth]


def test_day20_solution_blocks_meet_the_figures():
    ns = solution("day20")
    nn = torch.nn
    block = ns["BottleneckBlock"](256, 64)
    assert sum(m.weight.numel() for m in block.modules() if isinstance(m, nn.Conv2d)) == 69_632
    x = torch.randn(2, 64, 9, 9)
    assert ns["ResidualBlock"](64, 128, stride=2)(x).shape == (2, 128, 5, 5)
    assert sum(p.numel() for p in ns["ResidualBlock"](64, 64).parameters()) == 73_984
    assert sum(p.numel() for p in ns["ResidualBlock"](64, 128, 2).parameters()) == 230_144
    # The identity path the notebook teaches: zeroed, the basic block is ReLU(x), the pre-activation x.
    for name, expected in (("ResidualBlock", torch.relu(x)), ("PreActBlock", x)):
        zeroed = ns[name](64, 64).eval()
        with torch.no_grad():
            for p in zeroed.parameters():
                p.zero_()
            assert torch.equal(zeroed(x), expected), name


def test_day21_solution_meets_the_figures():
    ns = solution("day21")
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


def test_day22_solution_meets_the_figures():
    ns = solution("day22")
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


def test_day23_solution_meets_the_figures():
    ns = solution("day23")
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
