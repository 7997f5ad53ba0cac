"""DenseNet's dense layer, dense block and transition (Huang et al. 2017, Sec. 3).

A dense layer sees the concatenation of every feature map before it in its block and adds
``growth_rate`` (k) new channels. The plain layer is BN → ReLU → 3×3 conv; the bottleneck ("B")
layer first reduces with BN → ReLU → 1×1 conv to ``bottleneck·k`` channels (4k in the paper).
A transition between blocks is BN → ReLU → 1×1 conv → 2×2 average pool, and the "C" in DenseNet-BC
is its compression: it keeps ``floor(compression · C)`` channels.

Names are torchvision's (``norm1 relu1 conv1 norm2 relu2 conv2``, ``denselayer{i}``,
``norm relu conv pool``) so torchvision's DenseNet state_dicts load as they are.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = ["DenseLayer", "DenseBlock", "Transition", "dense_layer_params", "transition_channels",
           "ConcatDenseLayer", "dense_block_params"]


def dense_layer_params(in_channels: int, growth_rate: int, bottleneck: int | None = 4) -> int:
    """Learnable parameters of one :class:`DenseLayer` (BN γ and β included, convs bias-free).

    Bottleneck: ``2·C + C·b·k + 2·b·k + 9·b·k²``; plain: ``2·C + 9·C·k``.
    """
    if bottleneck is None:
        return 2 * in_channels + 9 * in_channels * growth_rate
    width = bottleneck * growth_rate
    return 2 * in_channels + in_channels * width + 2 * width + 9 * width * growth_rate


def dense_block_params(num_layers: int, in_channels: int, growth_rate: int, bottleneck: int | None = 4) -> int:
    """Learnable parameters of :class:`DenseBlock`: layer i sees ``in_channels + i·growth_rate`` channels.
    DenseNet-121's first block, ``dense_block_params(6, 64, 32)``, has 335,040."""
    return sum(dense_layer_params(in_channels + i * growth_rate, growth_rate, bottleneck) for i in range(num_layers))


def transition_channels(in_channels: int, compression: float) -> int:
    """Channels a transition keeps: ``floor(compression · in_channels)`` (θ in the paper)."""
    if not 0 < compression <= 1:
        raise ValueError(f"compression must be in (0, 1], got {compression}")
    return int(math.floor(compression * in_channels))


class DenseLayer(nn.Module):
    """BN → ReLU → [1×1 conv → BN → ReLU →] 3×3 conv emitting ``growth_rate`` channels.

    ``bottleneck`` is the width factor of the 1×1 reduction (4 in DenseNet-B/BC), or ``None`` for
    the plain layer. ``drop_rate`` applies dropout to the new channels, as the paper does on CIFAR
    without augmentation. Input is the concatenated features of the block so far.
    """

    def __init__(self, in_channels: int, growth_rate: int, bottleneck: int | None = 4, drop_rate: float = 0.0) -> None:
        super().__init__()
        self.norm1 = nn.BatchNorm2d(in_channels)
        self.relu1 = nn.ReLU()
        if bottleneck is None:
            self.conv1 = nn.Conv2d(in_channels, growth_rate, 3, padding=1, bias=False)
        else:
            width = bottleneck * growth_rate
            self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
            self.norm2 = nn.BatchNorm2d(width)
            self.relu2 = nn.ReLU()
            self.conv2 = nn.Conv2d(width, growth_rate, 3, padding=1, bias=False)
        self.bottleneck = bottleneck
        self.drop_rate = drop_rate
        self.out_channels = growth_rate

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(self.relu1(self.norm1(x)))
        if self.bottleneck is not None:
            x = self.conv2(self.relu2(self.norm2(x)))
        return F.dropout(x, p=self.drop_rate, training=self.training) if self.drop_rate > 0 else x


class ConcatDenseLayer(DenseLayer):
    """The course's (day23) ``DenseLayer``: a dense layer that returns its input and its new features
    concatenated on the channel axis, x first (``in_channels + growth_rate`` channels), so that
    layers chained in series build the block's concatenation one layer at a time."""

    def __init__(self, in_channels: int, growth_rate: int, bottleneck: int | None = 4) -> None:
        super().__init__(in_channels, growth_rate, bottleneck)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([x, super().forward(x)], dim=1)


class DenseBlock(nn.ModuleDict):
    """``num_layers`` dense layers; the output concatenates the input and every layer's ``growth_rate``
    channels: ``in_channels + num_layers · growth_rate``."""

    def __init__(self, num_layers: int, in_channels: int, growth_rate: int, bottleneck: int | None = 4,
                 drop_rate: float = 0.0) -> None:
        super().__init__(OrderedDict(
            (f"denselayer{i + 1}", DenseLayer(in_channels + i * growth_rate, growth_rate, bottleneck, drop_rate))
            for i in range(num_layers)
        ))
        self.in_channels = in_channels
        self.out_channels = in_channels + num_layers * growth_rate

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = [x]
        for layer in self.values():
            features.append(layer(torch.cat(features, dim=1)))
        return torch.cat(features, dim=1)


class Transition(nn.Sequential):
    """BN → ReLU → 1×1 conv to ``out_channels`` → 2×2 average pool (halves the grid)."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__(OrderedDict(
            norm=nn.BatchNorm2d(in_channels),
            relu=nn.ReLU(),
            conv=nn.Conv2d(in_channels, out_channels, 1, bias=False),
            pool=nn.AvgPool2d(2, stride=2),
        ))
        self.in_channels = in_channels
        self.out_channels = out_channels
