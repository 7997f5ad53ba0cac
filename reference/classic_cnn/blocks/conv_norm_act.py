"""Conv → BatchNorm → activation as one named unit (``conv``, ``bn``), timm's ``ConvNormAct`` layout.

The selective-kernel and cross-stage-partial networks are written in this unit, so keeping its
child names lets their timm twins' ``state_dict`` load as it is.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn as nn

__all__ = ["ConvNormAct"]


class ConvNormAct(nn.Module):
    """A bias-free k×k conv ("same" padding for odd k: ``dilation·(k-1)/2``), BN, then
    ``activation()`` (None: no activation, the unit that ends a residual branch)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 1, stride: int = 1,
                 groups: int = 1, dilation: int = 1,
                 activation: Callable[[], nn.Module] | None = nn.ReLU) -> None:
        super().__init__()
        padding = dilation * (kernel_size - 1) // 2
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation=dilation,
                              groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.act = activation() if activation is not None else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.bn(self.conv(x)))
