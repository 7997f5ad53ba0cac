"""The mobile networks' blocks: depthwise-separable conv (MobileNetV1), inverted residual (MobileNetV2)
and MBConv (MobileNetV3, EfficientNet).

Layouts follow the libraries' parameter names: :class:`DepthwiseSeparable` is timm's
(``conv_dw``/``bn1``/``conv_pw``/``bn2``), :class:`InvertedResidual` and :class:`MBConv` are
torchvision's (a ``conv``/``block`` Sequential of conv-BN-activation triples indexed 0, 1, 2), so
the zoo's networks load those libraries' weights unchanged.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn as nn

from .attention import SEModule
from .stochastic_depth import StochasticDepth

__all__ = ["make_divisible", "conv_bn_act", "DepthwiseSeparable", "InvertedResidual", "MBConv"]

Activation = Callable[[], nn.Module] | None
Norm = Callable[[int], nn.Module]


def make_divisible(value: float, divisor: int = 8, min_value: int | None = None) -> int:
    """Round ``value`` to the nearest multiple of ``divisor``, never more than 10% down.

    The channel rounding of the TensorFlow MobileNet code that torchvision and timm inherit; a width
    multiplier (MobileNet's α, EfficientNet's φ) goes through it.
    """
    min_value = divisor if min_value is None else min_value
    rounded = max(min_value, int(value + divisor / 2) // divisor * divisor)
    return rounded + divisor if rounded < 0.9 * value else rounded


def conv_bn_act(in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1, groups: int = 1,
                activation: Activation = nn.ReLU, norm: Norm = nn.BatchNorm2d) -> nn.Sequential:
    """conv (no bias, 'same' padding) → norm → activation, indexed 0/1/2 as torchvision's
    ``Conv2dNormActivation``; ``activation=None`` leaves a linear conv-BN pair."""
    layers: list[nn.Module] = [
        nn.Conv2d(in_channels, out_channels, kernel_size, stride, (kernel_size - 1) // 2, groups=groups, bias=False),
        norm(out_channels),
    ]
    if activation is not None:
        layers.append(activation())
    return nn.Sequential(*layers)


class DepthwiseSeparable(nn.Module):
    """MobileNetV1's unit: depthwise 3×3 (stride s) → BN → ReLU → pointwise 1×1 → BN → ReLU.

    It factors a standard k×k conv (k²·C_in·C_out weights) into k²·C_in + C_in·C_out.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, kernel_size: int = 3,
                 activation: Callable[[], nn.Module] = nn.ReLU) -> None:
        super().__init__()
        self.conv_dw = nn.Conv2d(in_channels, in_channels, kernel_size, stride, kernel_size // 2,
                                 groups=in_channels, bias=False)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.act1 = activation()
        self.conv_pw = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.act2 = activation()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.act1(self.bn1(self.conv_dw(x)))
        return self.act2(self.bn2(self.conv_pw(x)))


class InvertedResidual(nn.Module):
    """MobileNetV2's block: 1×1 expand (×t) → ReLU6 → depthwise 3×3 → ReLU6 → linear 1×1 project,
    with the identity added when the shape is kept (stride 1 and C_in = C_out).

    The bottlenecks are thin and the expansion wide, the inverse of ResNet's bottleneck; the
    projection has no activation because ReLU on a thin representation destroys information.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int, expand_ratio: int) -> None:
        super().__init__()
        hidden = round(in_channels * expand_ratio)
        self.use_residual = stride == 1 and in_channels == out_channels
        layers: list[nn.Module] = []
        if expand_ratio != 1:
            layers.append(conv_bn_act(in_channels, hidden, 1, activation=nn.ReLU6))
        layers += [
            conv_bn_act(hidden, hidden, 3, stride, groups=hidden, activation=nn.ReLU6),
            nn.Conv2d(hidden, out_channels, 1, bias=False),
            nn.BatchNorm2d(out_channels),
        ]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.conv(x) if self.use_residual else self.conv(x)


class MBConv(nn.Module):
    """Mobile inverted bottleneck with squeeze-and-excitation (MobileNetV3, EfficientNet):
    [1×1 expand] → depthwise k×k (stride s) → [SE] → linear 1×1 project, plus identity when the
    shape is kept.

    The two networks differ only in their choices: V3 uses ReLU or hard-swish per block, an SE of
    ``make_divisible(expanded/4)`` gated by a hard sigmoid; EfficientNet SiLU everywhere, an SE of
    ``max(1, C_in/4)`` (sized from the block's *input*) gated by a sigmoid, and stochastic depth.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int, expanded: int,
                 activation: Callable[[], nn.Module] = nn.ReLU, se_hidden: int | None = None,
                 se_gate: Callable[[], nn.Module] = nn.Sigmoid,
                 se_activation: Callable[[], nn.Module] = nn.ReLU,
                 norm: Norm = nn.BatchNorm2d, drop_path: float = 0.0) -> None:
        super().__init__()
        self.use_residual = stride == 1 and in_channels == out_channels
        layers: list[nn.Module] = []
        if expanded != in_channels:
            layers.append(conv_bn_act(in_channels, expanded, 1, activation=activation, norm=norm))
        layers.append(conv_bn_act(expanded, expanded, kernel_size, stride, groups=expanded,
                                  activation=activation, norm=norm))
        if se_hidden is not None:
            layers.append(SEModule(expanded, hidden=se_hidden, activation=se_activation, gate=se_gate))
        layers.append(conv_bn_act(expanded, out_channels, 1, activation=None, norm=norm))
        self.block = nn.Sequential(*layers)
        self.stochastic_depth = StochasticDepth(drop_path)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.block(x)
        return x + self.stochastic_depth(out) if self.use_residual else out
