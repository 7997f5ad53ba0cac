"""Conv → BatchNorm → activation as one named unit (``conv``, ``bn``): the layout of timm's
``ConvNormAct`` and of torchvision's / timm's Inception ``BasicConv2d``.

The Inception family, the selective-kernel and the cross-stage-partial networks are all written in
this one unit, so keeping its child names lets their twins' ``state_dict`` load as it is. (The
mobile families use torchvision's indexed ``Conv2dNormActivation`` layout instead: see
``mobile.conv_bn_act``; the two differ only in the keys their twins expect.)
"""

from __future__ import annotations

from typing import Callable, Sequence

import torch
import torch.nn as nn

__all__ = ["ConvNormAct", "ConvBNReLU"]


class ConvNormAct(nn.Module):
    """A bias-free k×k conv, BN, then ``activation()`` (None: no activation, the unit that ends a
    residual branch). ``padding=None`` is "same" padding for odd k (``dilation·(k-1)/2``)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | Sequence[int] = 1,
                 stride: int = 1, groups: int = 1, dilation: int = 1,
                 activation: Callable[[], nn.Module] | None = nn.ReLU,
                 padding: int | Sequence[int] | None = None, eps: float = 1e-5) -> None:
        super().__init__()
        if padding is None:
            padding = dilation * (kernel_size - 1) // 2
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, dilation=dilation,
                              groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(out_channels, eps=eps)
        self.act = activation() if activation is not None else nn.Identity()
        self.in_channels = in_channels
        self.out_channels = out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.bn(self.conv(x)))


class ConvBNReLU(ConvNormAct):
    """The Inception networks' unit: explicit padding (default none) and ``eps=1e-3``, the value of
    the TensorFlow checkpoints torchvision and timm ported (PyTorch's own default is 1e-5)."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | Sequence[int],
                 stride: int = 1, padding: int | Sequence[int] = 0, eps: float = 1e-3) -> None:
        super().__init__(in_channels, out_channels, kernel_size, stride, padding=padding, eps=eps)
