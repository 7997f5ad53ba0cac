"""MobileNet v1 (Howard et al. 2017), v2 (Sandler et al. 2018) and v3 (Howard et al. 2019).

v1 has timm's parameter layout (torchvision has no v1); v2 and v3 have torchvision's.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, NamedTuple

import torch
import torch.nn as nn

from ..blocks.mobile import DepthwiseSeparable, InvertedResidual, MBConv, conv_bn_act, make_divisible
from ..registry import Figure, register_model
from ._figures import library_and_paper

__all__ = ["MobileNetV1", "MobileNetV2", "MobileNetV3", "V1_STAGES", "V2_SETTINGS", "V3Row", "V3_LARGE", "V3_SMALL"]

# Table 1 of the v1 paper, grouped as timm groups it: (output channels, stride) per unit, per stage.
V1_STAGES: tuple[tuple[tuple[int, int], ...], ...] = (
    ((64, 1),),
    ((128, 2), (128, 1)),
    ((256, 2), (256, 1)),
    ((512, 2),) + ((512, 1),) * 5,
    ((1024, 2), (1024, 1)),
)


def _pool_flatten(x: torch.Tensor) -> torch.Tensor:
    return x.mean((2, 3))


class MobileNetV1(nn.Module):
    """conv 3×3/2 (32) → 13 depthwise-separable units → global average pool → fc.

    ``activation`` defaults to ReLU6, as in the released TensorFlow model and timm (the paper's
    Figure 3 draws plain ReLU; the parameter count is the same either way). ``width`` is α.
    """

    def __init__(self, num_classes: int = 1000, width: float = 1.0,
                 activation: Callable[[], nn.Module] = nn.ReLU6, dropout: float = 0.0) -> None:
        super().__init__()
        channels = make_divisible(32 * width)
        self.conv_stem = nn.Conv2d(3, channels, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.act1 = activation()
        stages = []
        for stage in V1_STAGES:
            units = []
            for out, stride in stage:
                out = make_divisible(out * width)
                units.append(DepthwiseSeparable(channels, out, stride, activation=activation))
                channels = out
            stages.append(nn.Sequential(*units))
        self.blocks = nn.Sequential(*stages)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.blocks(self.act1(self.bn1(self.conv_stem(x))))
        return self.classifier(self.dropout(_pool_flatten(x)))


# Table 2 of the v2 paper: expansion t, output channels c, repeats n, first stride s.
V2_SETTINGS: tuple[tuple[int, int, int, int], ...] = (
    (1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1),
)


class MobileNetV2(nn.Module):
    """conv 3×3/2 (32) → 17 inverted residuals (Table 2) → 1×1 conv 1280 → pool → dropout → fc."""

    def __init__(self, num_classes: int = 1000, width: float = 1.0, dropout: float = 0.2) -> None:
        super().__init__()
        channels = make_divisible(32 * width)
        last = make_divisible(1280 * max(1.0, width))
        layers: list[nn.Module] = [conv_bn_act(3, channels, 3, 2, activation=nn.ReLU6)]
        for t, c, n, s in V2_SETTINGS:
            out = make_divisible(c * width)
            for i in range(n):
                layers.append(InvertedResidual(channels, out, s if i == 0 else 1, t))
                channels = out
        layers.append(conv_bn_act(channels, last, 1, activation=nn.ReLU6))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(last, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(_pool_flatten(self.features(x)))


class V3Row(NamedTuple):
    """One row of Tables 1/2 of the v3 paper (input channels added)."""

    in_channels: int
    kernel: int
    expanded: int
    out_channels: int
    se: bool
    hard_swish: bool  # HS, else RE (ReLU)
    stride: int


V3_LARGE: tuple[V3Row, ...] = tuple(V3Row(*row) for row in (
    (16, 3, 16, 16, False, False, 1), (16, 3, 64, 24, False, False, 2), (24, 3, 72, 24, False, False, 1),
    (24, 5, 72, 40, True, False, 2), (40, 5, 120, 40, True, False, 1), (40, 5, 120, 40, True, False, 1),
    (40, 3, 240, 80, False, True, 2), (80, 3, 200, 80, False, True, 1), (80, 3, 184, 80, False, True, 1),
    (80, 3, 184, 80, False, True, 1), (80, 3, 480, 112, True, True, 1), (112, 3, 672, 112, True, True, 1),
    (112, 5, 672, 160, True, True, 2), (160, 5, 960, 160, True, True, 1), (160, 5, 960, 160, True, True, 1),
))
V3_SMALL: tuple[V3Row, ...] = tuple(V3Row(*row) for row in (
    (16, 3, 16, 16, True, False, 2), (16, 3, 72, 24, False, False, 2), (24, 3, 88, 24, False, False, 1),
    (24, 5, 96, 40, True, True, 2), (40, 5, 240, 40, True, True, 1), (40, 5, 240, 40, True, True, 1),
    (40, 5, 120, 48, True, True, 1), (48, 5, 144, 48, True, True, 1), (48, 5, 288, 96, True, True, 2),
    (96, 5, 576, 96, True, True, 1), (96, 5, 576, 96, True, True, 1),
))

# The v3 paper's BN: TensorFlow's epsilon and momentum, which torchvision keeps for its weights.
_V3_NORM = partial(nn.BatchNorm2d, eps=0.001, momentum=0.01)


class MobileNetV3(nn.Module):
    """conv 3×3/2 (16, h-swish) → MBConv rows → 1×1 conv (6×) → pool → fc → h-swish → dropout → fc.

    The head's first fc has no BN (the paper's "NBN" 1×1 conv on a 1×1 map).
    """

    def __init__(self, rows: tuple[V3Row, ...], last_channels: int, num_classes: int = 1000,
                 dropout: float = 0.2) -> None:
        super().__init__()
        layers: list[nn.Module] = [conv_bn_act(3, rows[0].in_channels, 3, 2, activation=nn.Hardswish, norm=_V3_NORM)]
        for row in rows:
            layers.append(MBConv(row.in_channels, row.out_channels, row.kernel, row.stride, row.expanded,
                                 activation=nn.Hardswish if row.hard_swish else nn.ReLU,
                                 se_hidden=make_divisible(row.expanded // 4) if row.se else None,
                                 se_gate=nn.Hardsigmoid, norm=_V3_NORM))
        head_in = 6 * rows[-1].out_channels
        layers.append(conv_bn_act(rows[-1].out_channels, head_in, 1, activation=nn.Hardswish, norm=_V3_NORM))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Linear(head_in, last_channels), nn.Hardswish(), nn.Dropout(dropout),
                                        nn.Linear(last_channels, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(_pool_flatten(self.features(x)))


@register_model("mobilenet_v1", family="MobileNet", twin="timm:mobilenetv1_100", published=library_and_paper(
    4_231_976, 568_740_352, "timm mobilenetv1_100", 4.2e6, 569e6, "Howard et al. 2017, Table 8")
    + (Figure(4_253_864, "params", "Keras applications MobileNet", exact=False,
              note="Keras also counts BN's moving mean and variance: +2 x 10,944 channels"),))
def mobilenet_v1(num_classes: int = 1000, **kwargs) -> MobileNetV1:
    return MobileNetV1(num_classes, **kwargs)


@register_model("mobilenet_v2", family="MobileNet", twin="torchvision:mobilenet_v2", published=library_and_paper(
    3_504_872, 300_774_272, "torchvision mobilenet_v2", 3.4e6, 300e6, "Sandler et al. 2018, Table 4",
    params_note="the paper's 3.4M is the weights without BN's γ/β (3,470,760) truncated"))
def mobilenet_v2(num_classes: int = 1000, **kwargs) -> MobileNetV2:
    return MobileNetV2(num_classes, **kwargs)


@register_model("mobilenet_v3_large", family="MobileNet", twin="torchvision:mobilenet_v3_large",
                published=library_and_paper(5_483_032, 216_589_760, "torchvision mobilenet_v3_large", 5.4e6, 219e6,
                                            "Howard et al. 2019, Table 3",
                                            params_note="1.5% above the paper's rounded 5.4M",
                                            macs_note="1.1% under the paper's 219M: conv/linear MACs only"))
def mobilenet_v3_large(num_classes: int = 1000, **kwargs) -> MobileNetV3:
    return MobileNetV3(V3_LARGE, 1280, num_classes, **kwargs)


@register_model("mobilenet_v3_small", family="MobileNet", twin="torchvision:mobilenet_v3_small",
                published=library_and_paper(2_542_856, 56_510_400, "torchvision mobilenet_v3_small", 2.5e6, 56e6,
                                            "Howard et al. 2019, Table 3",
                                            params_note="1.7% above the paper's rounded 2.5M"))
def mobilenet_v3_small(num_classes: int = 1000, **kwargs) -> MobileNetV3:
    return MobileNetV3(V3_SMALL, 1024, num_classes, **kwargs)
