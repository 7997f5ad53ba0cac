"""BN-Inception (Ioffe & Szegedy 2015, "Batch Normalization: Accelerating Deep Network Training",
Fig. 5), also called Inception v2 in the BN paper's sense.

The filter numbers are Fig. 5's. Its output-size column contradicts its own filter columns in
places, and the network follows the filter columns (as every implementation does):

- (3c) is printed as 28×28×576 but is a stride-2 module: 14×14×576;
- (4c) is 160+160+160+128 = 608 and (4d) 96+192+192+128 = 608 channels, not 576;
- (4e) therefore outputs 192+256+608 = 1056, not 1024.

Convs have no bias (BatchNorm follows each); pools round up (Caffe), giving Fig. 5's
112/56/28/14/7 grids at 224×224; there is no dropout (Sec. 4.2.1 removes it). The first layer is a
plain 7×7 conv by default (the layout behind SENet's 2.03 G); TF-slim's ``inception_v2`` makes it
depthwise-separable (depth multiplier 8), which ``stem="separable"`` builds. No torchvision or timm
model exists.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
import torch.nn as nn

from ..blocks.conv_norm_act import ConvBNReLU
from ..blocks.inception_bn import BNInceptionModule
from ..blocks.separable import SeparableConv2d
from ..registry import Figure, register_model

__all__ = ["BNInception", "BNInceptionRow", "BN_INCEPTION_TABLE", "bn_inception"]


class BNInceptionRow(NamedTuple):
    name: str
    in_channels: int
    filters: tuple[int, int, int, int, int, int]  # [#1x1, #3x3 reduce, #3x3, double reduce, double #3x3, pool proj]
    pool: str  # "avg" or "max"
    stride: int


BN_INCEPTION_TABLE: tuple[BNInceptionRow, ...] = (
    BNInceptionRow("3a", 192, (64, 64, 64, 64, 96, 32), "avg", 1),
    BNInceptionRow("3b", 256, (64, 64, 96, 64, 96, 64), "avg", 1),
    BNInceptionRow("3c", 320, (0, 128, 160, 64, 96, 0), "max", 2),
    BNInceptionRow("4a", 576, (224, 64, 96, 96, 128, 128), "avg", 1),
    BNInceptionRow("4b", 576, (192, 96, 128, 96, 128, 128), "avg", 1),
    BNInceptionRow("4c", 576, (160, 128, 160, 128, 160, 128), "avg", 1),
    BNInceptionRow("4d", 608, (96, 128, 192, 160, 192, 128), "avg", 1),
    BNInceptionRow("4e", 608, (0, 128, 192, 192, 256, 0), "max", 2),
    BNInceptionRow("5a", 1056, (352, 192, 320, 160, 224, 128), "avg", 1),
    BNInceptionRow("5b", 1024, (352, 192, 320, 192, 224, 128), "max", 1),
)


class BNInception(nn.Module):
    """conv 7×7/2 64 → max pool → conv 1×1 64 → conv 3×3 192 → max pool → 3a–3c → 4a–4e → 5a, 5b
    → global average pool → dropout → fc. Modules are attributes ``inception_3a`` … ``inception_5b``."""

    def __init__(self, num_classes: int = 1000, dropout: float = 0.0, eps: float = 1e-5, stem: str = "conv") -> None:
        super().__init__()
        if stem not in ("conv", "separable"):
            raise ValueError(f"stem must be 'conv' or 'separable', got {stem!r}")
        self.conv1 = ConvBNReLU(3, 64, 7, stride=2, padding=3, eps=eps)  # 224 -> 112
        if stem == "separable":  # depthwise 7x7/2 3 -> 24 (multiplier 8), pointwise 24 -> 64, then BN and ReLU
            self.conv1.conv = SeparableConv2d(3, 64, 7, stride=2, padding=3, depth_multiplier=8)
        self.pool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)  # -> 56
        self.conv2_reduce = ConvBNReLU(64, 64, 1, eps=eps)
        self.conv2 = ConvBNReLU(64, 192, 3, padding=1, eps=eps)
        self.pool2 = nn.MaxPool2d(3, stride=2, ceil_mode=True)  # -> 28
        self.inception_names = tuple(f"inception_{row.name}" for row in BN_INCEPTION_TABLE)
        for row in BN_INCEPTION_TABLE:
            module = BNInceptionModule(row.in_channels, row.filters, pool=row.pool, stride=row.stride, eps=eps)
            setattr(self, f"inception_{row.name}", module)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(self.inception_5b.out_channels, num_classes)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool1(self.conv1(x))
        x = self.pool2(self.conv2(self.conv2_reduce(x)))
        for name in self.inception_names:
            x = getattr(self, name)(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.dropout(torch.flatten(self.global_pool(self.forward_features(x)), 1)))


BN_INCEPTION_FIGURES: tuple[Figure, ...] = (
    Figure(11_285_224, "params", "classic_cnn reference (Fig. 5 filter columns, bias-free conv + BN)", True),
    Figure(2_032_600_064, "MACs", "classic_cnn reference, 224x224", True),
    Figure(11_278_528, "params", "classic_cnn reference, stem='separable' (TF-slim inception_v2's first layer)", True),
    Figure(1_948_605_440, "MACs", "classic_cnn reference, stem='separable', 224x224", True),
    Figure(2.03e9, "MACs", "Hu et al. 2018, Squeeze-and-Excitation Networks, Table 2 ('GFLOPs' = multiply-adds)",
           False),
    Figure(11_295_240, "params", "Caffe bninception port (convs keep their bias before BN)", False,
           note="+10,016 = one bias per conv output channel; BN's shift makes those biases redundant"),
    Figure(74.8, "top1", "Szegedy et al. 2016 (Inception-v4), Table 2: BN-Inception 25.2% top-1 error (single crop)",
           False),
)


@register_model("bn_inception", family="Inception", published=BN_INCEPTION_FIGURES)
def bn_inception(**kwargs) -> BNInception:
    return BNInception(**kwargs)
