"""Network in Network (Lin, Chen & Yan 2013) for CIFAR-10, in the layout of the authors' Caffe model.

Three mlpconv layers (a spatial conv followed by two 1x1 convs, each with a ReLU), a 3x3/2 pool and
dropout between them, and no fully connected layer: the last 1x1 conv emits one map per class and a
global average pool turns the maps into logits. Caffe's pools round up (32 -> 16 -> 8).
"""

from __future__ import annotations

from collections import OrderedDict

import torch
import torch.nn as nn

from ..registry import Figure, register_model

__all__ = ["MLPConv", "NiN", "nin_cifar10"]


class MLPConv(nn.Sequential):
    """A k x k conv and two 1x1 convs, each followed by a ReLU: a small MLP slid over every position."""

    def __init__(self, in_channels: int, widths: tuple[int, int, int], kernel_size: int) -> None:
        w1, w2, w3 = widths
        super().__init__(
            OrderedDict(
                conv=nn.Conv2d(in_channels, w1, kernel_size, padding=kernel_size // 2),
                relu=nn.ReLU(inplace=True),
                cccp1=nn.Conv2d(w1, w2, 1),
                relu1=nn.ReLU(inplace=True),
                cccp2=nn.Conv2d(w2, w3, 1),
                relu2=nn.ReLU(inplace=True),
            )
        )
        self.out_channels = w3


class NiN(nn.Module):
    def __init__(self, num_classes: int = 10, in_channels: int = 3, dropout: float = 0.5) -> None:
        super().__init__()
        self.mlpconv1 = MLPConv(in_channels, (192, 160, 96), 5)
        self.pool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.drop1 = nn.Dropout(dropout)
        self.mlpconv2 = MLPConv(96, (192, 192, 192), 5)
        self.pool2 = nn.AvgPool2d(3, stride=2, ceil_mode=True)
        self.drop2 = nn.Dropout(dropout)
        self.mlpconv3 = MLPConv(192, (192, 192, num_classes), 3)
        self.global_pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.drop1(self.pool1(self.mlpconv1(x)))
        x = self.drop2(self.pool2(self.mlpconv2(x)))
        return torch.flatten(self.global_pool(self.mlpconv3(x)), 1)


@register_model(
    "nin_cifar10",
    family="NIN",
    canonical_input=(3, 32, 32),
    num_classes=10,
    published=(
        Figure(966_986, "params", "classic_cnn reference (authors' Caffe CIFAR-10 layout)", True),
        Figure(222_486_528, "MACs", "classic_cnn reference, 32x32", True),
        Figure(1e6, "params", 'Springenberg et al. 2015, Striving for Simplicity, comparison table ("~1M")',
               False, note="a rounding of 966,986; the NIN paper itself gives no count"),
    ),
)
def nin_cifar10(**kwargs) -> NiN:
    return NiN(**kwargs)
