"""Inception building blocks (day19): 1x1 compression, the Inception v1 block, factorised convs.

A ``filter_list`` is the six numbers of one row of GoogLeNet's Table 1, in the paper's column
order: ``[#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj]``.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Sequence

import torch
import torch.nn as nn

__all__ = ["conv1x1", "conv_params", "InceptionBlock", "inception_macs", "FactorizedConv"]


def conv1x1(in_channels: int, out_channels: int) -> nn.Conv2d:
    """A 1x1 convolution with bias and no activation: mixes channels at each pixel, nothing else."""
    return nn.Conv2d(in_channels, out_channels, kernel_size=1)


def _pair(kernel_size: int | Sequence[int]) -> tuple[int, int]:
    if isinstance(kernel_size, int):
        return kernel_size, kernel_size
    kh, kw = kernel_size
    return int(kh), int(kw)


def conv_params(
    in_channels: int, out_channels: int, kernel_size: int | Sequence[int], bias: bool = True
) -> int:
    """Learnable parameters of ``nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias)``."""
    kh, kw = _pair(kernel_size)
    return kh * kw * in_channels * out_channels + (out_channels if bias else 0)


def _check_filters(filter_list: Sequence[int]) -> tuple[int, int, int, int, int, int]:
    if len(filter_list) != 6:
        raise ValueError(
            "filter_list needs six numbers [#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj], "
            f"got {list(filter_list)}"
        )
    return tuple(int(f) for f in filter_list)  # type: ignore[return-value]


def _conv_relu(in_channels: int, out_channels: int, kernel_size: int, padding: int = 0) -> list:
    return [nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding), nn.ReLU()]


class InceptionBlock(nn.Module):
    """GoogLeNet's Inception module (Szegedy et al. 2014, Fig. 2b), as the course defines it.

    Four parallel branches that keep the spatial size, concatenated on the channel axis in the
    order 1x1, 3x3, 5x5, pool. The 1x1 "reduce" convs in front of the 3x3 and 5x5 exist to cut
    the channels those expensive kernels see; the pool branch's 1x1 keeps the pooled input from
    growing the output width. Convs carry biases and there is no BatchNorm (the paper predates it).
    """

    def __init__(self, in_channels: int, filter_list: Sequence[int]) -> None:
        super().__init__()
        f1, f3r, f3, f5r, f5, pp = _check_filters(filter_list)
        self.in_channels = in_channels
        self.filter_list = (f1, f3r, f3, f5r, f5, pp)
        self.out_channels = f1 + f3 + f5 + pp

        self.branch1x1 = nn.Sequential(*_conv_relu(in_channels, f1, 1))
        self.branch3x3 = nn.Sequential(*_conv_relu(in_channels, f3r, 1), *_conv_relu(f3r, f3, 3, padding=1))
        self.branch5x5 = nn.Sequential(*_conv_relu(in_channels, f5r, 1), *_conv_relu(f5r, f5, 5, padding=2))
        self.branch_pool = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1), *_conv_relu(in_channels, pp, 1)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        branches = (self.branch1x1, self.branch3x3, self.branch5x5, self.branch_pool)
        return torch.cat([branch(x) for branch in branches], dim=1)


def inception_macs(in_channels: int, filter_list: Sequence[int], height: int, width: int) -> int:
    """Multiply-accumulates of the six convolutions of an :class:`InceptionBlock` on ``height x width``.

    Every conv keeps the spatial size, so each costs ``height*width*k*k*C_in*C_out``; pooling,
    ReLU and bias adds count zero. Worked examples:

    - GoogLeNet (3a): ``inception_macs(192, [64, 96, 128, 16, 32, 32], 28, 28) == 128_049_152``.
    - The lecture's 28x28x256 example (1x1 128, 3x3 192, 5x5 96, every reduce/proj 64):
      ``inception_macs(256, [128, 64, 192, 64, 96, 64], 28, 28) == 271_351_808`` -- the sum of the
      slide's six terms (the slide's printed "358M" is an addition slip).
    """
    f1, f3r, f3, f5r, f5, pp = _check_filters(filter_list)
    per_pixel = in_channels * (f1 + f3r + f5r + pp) + 9 * f3r * f3 + 25 * f5r * f5
    return height * width * per_pixel


class FactorizedConv(nn.Sequential):
    """Inception v3's factorisation of an n x n conv into a 1 x n conv then an n x 1 conv.

    Channels: the 1 x n conv maps ``in_channels -> out_channels`` and the n x 1 conv maps
    ``out_channels -> out_channels`` (the intermediate has ``out_channels``). Both carry biases and
    a ReLU; the paddings ``(0, n//2)`` and ``(n//2, 0)`` keep the spatial size, which is why n must
    be odd. For ``in = out = C`` this costs ``2nC^2`` weights instead of ``n^2 C^2``.
    """

    def __init__(self, in_channels: int, out_channels: int, n: int) -> None:
        if n < 1 or n % 2 == 0:
            raise ValueError(f"n must be a positive odd kernel size so the size is kept, got {n}")
        super().__init__(
            OrderedDict(
                conv_1xn=nn.Conv2d(in_channels, out_channels, (1, n), padding=(0, n // 2)),
                relu_1xn=nn.ReLU(),
                conv_nx1=nn.Conv2d(out_channels, out_channels, (n, 1), padding=(n // 2, 0)),
                relu_nx1=nn.ReLU(),
            )
        )
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.n = n
