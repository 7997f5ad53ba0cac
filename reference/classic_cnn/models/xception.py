"""Xception (Chollet 2017, "Xception: Deep Learning with Depthwise Separable Convolutions", Fig. 5).

Entry flow (two convs, three strided blocks to 728 channels at 19×19), middle flow (eight
728-channel blocks), exit flow (728→1024 block, separable convs to 1536 and 2048), global average
pool, fc. The layout and names are timm's ``legacy_xception`` (the Keras port), which reproduces
the paper's 22,855,952 parameters; timm's ``xception41/65/71`` are DeepLab's "aligned" variants.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from ..blocks.separable import SeparableConv2d, XceptionBlock
from ..registry import Figure, register_model

__all__ = ["Xception", "xception"]


class Xception(nn.Module):
    """Attributes ``conv1 bn1 conv2 bn2 block1 … block12 conv3 bn3 conv4 bn4 fc`` (timm's)."""

    def __init__(self, num_classes: int = 1000, middle_blocks: int = 8, dropout: float = 0.5) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, stride=2, bias=False)  # 299 -> 149
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 3, bias=False)  # -> 147
        self.bn2 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU()
        blocks = [
            XceptionBlock(64, 128, 2, stride=2, start_with_relu=False),  # -> 74
            XceptionBlock(128, 256, 2, stride=2),  # -> 37
            XceptionBlock(256, 728, 2, stride=2),  # -> 19
            *[XceptionBlock(728, 728, 3) for _ in range(middle_blocks)],
            XceptionBlock(728, 1024, 2, stride=2, grow_first=False),  # -> 10
        ]
        self.block_names = tuple(f"block{i}" for i in range(1, len(blocks) + 1))
        for name, block in zip(self.block_names, blocks):
            setattr(self, name, block)
        self.conv3 = SeparableConv2d(1024, 1536, 3, padding=1)
        self.bn3 = nn.BatchNorm2d(1536)
        self.conv4 = SeparableConv2d(1536, 2048, 3, padding=1)
        self.bn4 = nn.BatchNorm2d(2048)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)  # Sec. 4.3: dropout 0.5 before the logistic regression on ImageNet
        self.fc = nn.Linear(2048, num_classes)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x))))))
        for name in self.block_names:
            x = getattr(self, name)(x)
        x = self.relu(self.bn3(self.conv3(x)))
        return self.relu(self.bn4(self.conv4(x)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.dropout(torch.flatten(self.global_pool(self.forward_features(x)), 1)))


_CHOLLET = "Chollet 2017, Xception: Deep Learning with Depthwise Separable Convolutions"

XCEPTION_FIGURES: tuple[Figure, ...] = (
    Figure(22_855_952, "params", f"{_CHOLLET}, Table 3", True),
    Figure(22_855_952, "params", "classic_cnn reference = timm legacy_xception", True),
    Figure(8_357_403_496, "MACs", "classic_cnn reference = timm legacy_xception, 299x299", True),
    Figure(22_910_480, "params", "Keras applications Xception", False,
           note="Keras counts BN moving mean/var as (non-trainable) parameters: +2 x 27,264 BN channels"),
    Figure(79.0, "top1", f"{_CHOLLET}, Table 1: 0.790 top-1 (single crop, ImageNet val)", False),
)


@register_model("xception", family="Inception", published=XCEPTION_FIGURES, canonical_input=(3, 299, 299),
                twin="timm:legacy_xception")
def xception(**kwargs) -> Xception:
    return Xception(**kwargs)
