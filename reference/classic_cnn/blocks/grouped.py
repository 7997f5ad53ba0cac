"""Grouped convolution (AlexNet's two-GPU split, ResNeXt's cardinality) and its arithmetic."""

from __future__ import annotations

from typing import Sequence

import torch.nn as nn

from .inception import _pair

__all__ = ["group_conv_params", "group_conv"]


def group_conv_params(in_channels: int, out_channels: int, kernel_size: int | Sequence[int], groups: int,
                      bias: bool = True) -> int:
    """``kh·kw·(in/groups)·out + out·bias``: each output map sees only its group's inputs."""
    if in_channels % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must divide in_channels={in_channels} and out_channels={out_channels}")
    kh, kw = _pair(kernel_size)
    return kh * kw * (in_channels // groups) * out_channels + (out_channels if bias else 0)


def group_conv(in_channels: int, out_channels: int, kernel_size, groups: int, stride: int = 1,
               padding=0, bias: bool = True) -> nn.Conv2d:
    """The library's grouped convolution, the reference the day21 ``GroupConv2d`` task matches."""
    return nn.Conv2d(in_channels, out_channels, kernel_size, stride=stride, padding=padding,
                     groups=groups, bias=bias)
