"""RegNetX and RegNetY (Radosavovic et al. 2020, "Designing Network Design Spaces").

A RegNet is four stages of one residual bottleneck (1×1 → grouped 3×3 → [SE] → 1×1), whose
widths come from a quantized linear rule: ``u_j = w_0 + w_a·j`` for block j, snapped to
``w_0·w_m^round(log(u_j/w_0)/log(w_m))`` and to multiples of 8, blocks of equal width forming a
stage; then each stage width is rounded to a multiple of its group width.

That last rounding is where the libraries part: pycls (the paper's code) and timm round to the
nearest multiple; torchvision uses MobileNet's ``make_divisible`` (never more than 10% down). They
agree except for RegNetX-400MF, RegNetY-800MF and RegNetY-8GF. The registry's default follows the
paper (``rounding="paper"``, timm's parameter layout for those three, since only timm builds them);
``regnet_x_400mf_torchvision`` and friends build torchvision's. Every other RegNet has torchvision's
layout.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Literal, NamedTuple

import torch
import torch.nn as nn

from ..blocks.attention import SEModule
from ..blocks.mobile import make_divisible
from ..registry import Figure, register_model
from ._figures import library_and_paper

__all__ = ["RegNetParams", "RegNetStage", "regnet_stages", "RegNetBlock", "RegNet", "REGNETS"]

Rounding = Literal["paper", "torchvision"]
Layout = Literal["torchvision", "timm"]
_QUANT = 8


class RegNetParams(NamedTuple):
    """The design-space coordinates of one model (the paper's appendix, pycls's configs)."""

    depth: int
    w_0: int
    w_a: float
    w_m: float
    group_width: int
    se_ratio: float = 0.0  # RegNetY: SE of round(se_ratio · block input width)


class RegNetStage(NamedTuple):
    width: int
    depth: int
    group_width: int


def regnet_stages(params: RegNetParams, rounding: Rounding = "paper") -> list[RegNetStage]:
    """The per-stage (width, depth, group width) the quantized linear rule gives."""
    widths = []
    for j in range(params.depth):
        exponent = round(math.log((params.w_0 + params.w_a * j) / params.w_0) / math.log(params.w_m))
        widths.append(int(round(params.w_0 * params.w_m ** exponent / _QUANT) * _QUANT))
    stages: list[list[int]] = []
    for width in widths:
        if stages and stages[-1][0] == width:
            stages[-1][1] += 1
        else:
            stages.append([width, 1])
    result = []
    for width, depth in stages:
        group = min(params.group_width, width)  # bottleneck multiplier 1: the bottleneck is the width
        width = make_divisible(width, group) if rounding == "torchvision" else int(round(width / group) * group)
        result.append(RegNetStage(width, depth, group))
    return result


def _conv_bn(in_channels: int, out_channels: int, kernel_size: int, stride: int, groups: int, relu: bool,
             names: tuple[str, str, str]) -> nn.Sequential:
    layers = [nn.Conv2d(in_channels, out_channels, kernel_size, stride, kernel_size // 2, groups=groups, bias=False),
              nn.BatchNorm2d(out_channels)] + ([nn.ReLU(inplace=True)] if relu else [])
    return nn.Sequential(OrderedDict(zip(names, layers)))


# Module names of each library: (conv, norm, act) inside a conv unit; the transform's four parts.
_UNIT_NAMES = {"torchvision": ("0", "1", "2"), "timm": ("conv", "bn", "act")}
_TRANSFORM_NAMES = {"torchvision": ("a", "b", "se", "c"), "timm": ("conv1", "conv2", "se", "conv3")}


class RegNetBlock(nn.Module):
    """X block: 1×1 → BN → ReLU → 3×3 grouped (stride s) → BN → ReLU → 1×1 → BN, plus the identity
    or a 1×1/s projection, then ReLU. Y block: the X block with SE after the 3×3.

    ``layout`` picks the parameter names only: torchvision's (``proj`` + ``f.a/b/se/c``) or timm's
    (``downsample`` + ``conv1/conv2/se/conv3``); the function is the same.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int, group_width: int, se_hidden: int = 0,
                 layout: Layout = "torchvision") -> None:
        super().__init__()
        unit = _UNIT_NAMES[layout]
        parts = [_conv_bn(in_channels, out_channels, 1, 1, 1, True, unit),
                 _conv_bn(out_channels, out_channels, 3, stride, out_channels // group_width, True, unit),
                 SEModule(out_channels, hidden=se_hidden) if se_hidden else None,
                 _conv_bn(out_channels, out_channels, 1, 1, 1, False, unit)]
        transform = OrderedDict((name, part) for name, part in zip(_TRANSFORM_NAMES[layout], parts) if part)
        shortcut = (_conv_bn(in_channels, out_channels, 1, stride, 1, False, unit)
                    if stride != 1 or in_channels != out_channels else None)
        self.layout = layout
        if layout == "torchvision":
            self.proj = shortcut
            self.f = nn.Sequential(transform)
        else:
            self.downsample = shortcut
            for name, part in transform.items():
                self.add_module(name, part)
            self.transform_names = tuple(transform)
        self.activation = nn.ReLU(inplace=True)

    def _transform(self, x: torch.Tensor) -> torch.Tensor:
        if self.layout == "torchvision":
            return self.f(x)
        for name in self.transform_names:
            x = getattr(self, name)(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = self.proj if self.layout == "torchvision" else self.downsample
        identity = x if shortcut is None else shortcut(x)
        return self.activation(identity + self._transform(x))


class RegNet(nn.Module):
    """stem (3×3/2, 32) → four stages (first block stride 2) → global pool → fc."""

    def __init__(self, params: RegNetParams, num_classes: int = 1000, rounding: Rounding = "paper",
                 layout: Layout = "torchvision", stem_width: int = 32) -> None:
        super().__init__()
        self.layout = layout
        unit = _UNIT_NAMES[layout]
        self.stem = _conv_bn(3, stem_width, 3, 2, 1, True, unit)
        channels, stages = stem_width, OrderedDict()
        for s, stage in enumerate(regnet_stages(params, rounding), start=1):
            blocks = OrderedDict()
            for b in range(stage.depth):
                name = f"block{s}-{b}" if layout == "torchvision" else f"b{b + 1}"
                blocks[name] = RegNetBlock(channels, stage.width, 2 if b == 0 else 1, stage.group_width,
                                           int(round(params.se_ratio * channels)), layout)
                channels = stage.width
            stages[f"block{s}" if layout == "torchvision" else f"s{s}"] = nn.Sequential(blocks)
        if layout == "torchvision":
            self.trunk_output = nn.Sequential(stages)
            self.fc = nn.Linear(channels, num_classes)
        else:
            for name, stage in stages.items():
                self.add_module(name, stage)
            self.stage_names = tuple(stages)
            self.head = nn.Sequential(OrderedDict(fc=nn.Linear(channels, num_classes)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        if self.layout == "torchvision":
            return self.fc(self.trunk_output(x).mean((2, 3)))
        for name in self.stage_names:
            x = getattr(self, name)(x)
        return self.head(x.mean((2, 3)))


class _Entry(NamedTuple):
    params: RegNetParams
    timm_name: str
    library: tuple[int, int]  # params, MACs of the paper's rounding (pycls/timm, = torchvision where they agree)
    paper: tuple[float, float]  # the paper's rounded params and flops (multiply-adds)
    torchvision: tuple[int, int] | None = None  # torchvision's figures where its rounding differs


REGNETS: dict[str, _Entry] = {
    "regnet_x_400mf": _Entry(RegNetParams(22, 24, 24.48, 2.54, 16), "regnetx_004", (5_157_512, 397_677_568),
                             (5.2e6, 0.4e9), (5_495_976, 413_812_608)),
    "regnet_x_800mf": _Entry(RegNetParams(16, 56, 35.73, 2.28, 16), "regnetx_008", (7_259_656, 799_699_712),
                             (7.3e6, 0.8e9)),
    "regnet_x_1_6gf": _Entry(RegNetParams(18, 80, 34.01, 2.25, 24), "regnetx_016", (9_190_136, 1_602_849_792),
                             (9.2e6, 1.6e9)),
    "regnet_x_3_2gf": _Entry(RegNetParams(25, 88, 26.31, 2.25, 48), "regnetx_032", (15_296_552, 3_176_621_952),
                             (15.3e6, 3.2e9)),
    "regnet_x_8gf": _Entry(RegNetParams(23, 80, 49.56, 2.88, 120), "regnetx_080", (39_572_648, 7_995_132_416),
                           (39.6e6, 8.0e9)),
    "regnet_x_16gf": _Entry(RegNetParams(22, 216, 55.59, 2.1, 128), "regnetx_160", (54_278_536, 15_940_755_456),
                            (54.3e6, 15.9e9)),
    "regnet_x_32gf": _Entry(RegNetParams(23, 320, 69.86, 2.0, 168), "regnetx_320", (107_811_560, 31_735_929_792),
                            (107.8e6, 31.7e9)),
    "regnet_y_400mf": _Entry(RegNetParams(16, 48, 27.89, 2.09, 8, 0.25), "regnety_004", (4_344_144, 401_842_848),
                             (4.3e6, 0.4e9)),
    "regnet_y_800mf": _Entry(RegNetParams(14, 56, 38.84, 2.4, 16, 0.25), "regnety_008", (6_263_168, 797_176_832),
                             (6.3e6, 0.8e9), (6_432_512, 833_856_256)),
    "regnet_y_1_6gf": _Entry(RegNetParams(27, 48, 20.71, 2.65, 24, 0.25), "regnety_016",
                             (11_202_430, 1_612_076_160), (11.2e6, 1.6e9)),
    "regnet_y_3_2gf": _Entry(RegNetParams(21, 80, 42.63, 2.66, 24, 0.25), "regnety_032",
                             (19_436_338, 3_176_482_752), (19.4e6, 3.2e9)),
    "regnet_y_8gf": _Entry(RegNetParams(17, 192, 76.82, 2.19, 56, 0.25), "regnety_080",
                           (39_180_068, 7_963_057_312), (39.2e6, 8.0e9), (39_381_472, 8_473_070_592)),
    "regnet_y_16gf": _Entry(RegNetParams(18, 200, 106.23, 2.48, 112, 0.25), "regnety_160",
                            (83_590_140, 15_911_510_272), (83.6e6, 15.9e9)),
    "regnet_y_32gf": _Entry(RegNetParams(20, 232, 115.89, 2.53, 232, 0.25), "regnety_320",
                            (145_046_770, 32_279_552_832), (145.0e6, 32.3e9)),
}
_PAPER = "Radosavovic et al. 2020, appendix / pycls model zoo"


def _register(name: str, entry: _Entry) -> None:
    differs = entry.torchvision is not None
    # Where torchvision builds the paper's network, its layout (and weights) are the twin's.
    layout: Layout = "timm" if differs else "torchvision"
    twin = f"timm:{entry.timm_name}" if differs else f"torchvision:{name}"
    library = f"timm {entry.timm_name}" if differs else f"torchvision {name} (= timm {entry.timm_name})"

    def build(num_classes: int = 1000, **kwargs) -> RegNet:
        return RegNet(entry.params, num_classes, **({"layout": layout} | kwargs))

    register_model(name, family="RegNet", twin=twin, published=library_and_paper(
        *entry.library, library, *entry.paper, _PAPER))(build)
    if not differs:
        return

    def build_torchvision(num_classes: int = 1000, **kwargs) -> RegNet:
        return RegNet(entry.params, num_classes, rounding="torchvision", **kwargs)

    tv_params, tv_macs = entry.torchvision
    note = ("torchvision rounds stage widths to the group width with make_divisible (at most 10% down), "
            "the paper with plain rounding, so its stage widths and counts differ")
    register_model(f"{name}_torchvision", family="RegNet", twin=f"torchvision:{name}", published=(
        Figure(tv_params, "params", f"torchvision {name}", exact=True),
        Figure(tv_macs, "MACs", f"torchvision {name}", exact=True),
        Figure(entry.paper[0], "params", _PAPER, exact=False, note=note),
        Figure(entry.paper[1], "MACs", _PAPER, exact=False, note=note),
    ))(build_torchvision)


for _name, _entry in REGNETS.items():
    _register(_name, _entry)
