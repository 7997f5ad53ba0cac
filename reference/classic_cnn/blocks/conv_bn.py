"""Conv → BatchNorm → ReLU, the unit every BN-era Inception network is built from."""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn as nn

__all__ = ["ConvBNReLU"]


class ConvBNReLU(nn.Module):
    """A bias-free convolution, BatchNorm and ReLU.

    The conv has no bias because the BN's shift makes one redundant. The children are named
    ``conv`` and ``bn``, the names torchvision's Inception v3 and timm's Inception v4 /
    Inception-ResNet-v2 give them, so their state_dicts load as they are. ``eps`` defaults to
    1e-3, the value of the TensorFlow checkpoints those libraries ported (PyTorch's own default is 1e-5).
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int | Sequence[int],
                 stride: int = 1, padding: int | Sequence[int] = 0, eps: float = 1e-3) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(out_channels, eps=eps)
        self.relu = nn.ReLU()
        self.in_channels = in_channels
        self.out_channels = out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.bn(self.conv(x)))
