"""ResNet (He et al. 2015) and its ImageNet relatives built on the shared residual blocks:
ResNeXt (grouped 3×3), Wide ResNet-50-2 (wider 3×3) and channel-attention variants (SE, ECA…).

The layout and the parameter names are torchvision's (``conv1 bn1 relu maxpool layer1..4 avgpool
fc``), so ``load_state_dict(torchvision_model.state_dict())`` works as it is. The course's
``ResNet(depth, num_classes)`` and ``ResNeXt50(num_classes)`` are :func:`resnet` and
:func:`resnext50` below.
"""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn as nn

from ..blocks.residual import AttentionFactory, BasicBlock, Bottleneck

__all__ = ["ResNet", "RESNET_LAYERS", "resnet", "resnext50"]

# Blocks per stage for each depth of the paper's Table 1.
RESNET_LAYERS = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}


class ResNet(nn.Module):
    """Stem (conv 7×7/2 → BN → ReLU → max pool 3×3/2) → four stages of 64·2^s planes, the first
    block of stages 2–4 with stride 2 → global average pool → linear.

    ``block`` is ``"basic"`` or ``"bottleneck"``. For bottlenecks, the 3×3 conv's width is
    ``planes · width_per_group / 64 · groups`` (torchvision's rule: ResNeXt-50 32×4d has 128 at
    the first stage, Wide ResNet-50-2 has 128 too, ResNet-50 has 64) and the output ``4·planes``.
    """

    def __init__(self, block: str, layers: Sequence[int], num_classes: int = 1000, groups: int = 1,
                 width_per_group: int = 64, stride_on: str = "3x3",
                 attention: AttentionFactory | None = None) -> None:
        super().__init__()
        if block not in ("basic", "bottleneck"):
            raise ValueError(f"block must be 'basic' or 'bottleneck', got {block!r}")
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        channels = 64
        for stage, count in enumerate(layers):
            planes = 64 * 2 ** stage
            blocks = []
            for index in range(count):
                stride = 2 if stage > 0 and index == 0 else 1
                if block == "basic":
                    blocks.append(BasicBlock(channels, planes, stride, attention=attention))
                    channels = planes
                else:
                    width = int(planes * width_per_group / 64) * groups
                    blocks.append(Bottleneck(channels, width, stride, out_channels=4 * planes, groups=groups,
                                             stride_on=stride_on, attention=attention))
                    channels = 4 * planes
            setattr(self, f"layer{stage + 1}", nn.Sequential(*blocks))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)
        self.num_features = channels

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.forward_features(x)), 1))


def resnet(depth: int, num_classes: int = 1000, **kwargs) -> ResNet:
    """The course's ``ResNet(depth, num_classes=1000)``: basic blocks below 50 layers, bottlenecks from 50."""
    if depth not in RESNET_LAYERS:
        raise ValueError(f"depth must be one of {sorted(RESNET_LAYERS)}, got {depth}")
    return ResNet("basic" if depth < 50 else "bottleneck", RESNET_LAYERS[depth], num_classes, **kwargs)


def resnext50(num_classes: int = 1000, **kwargs) -> ResNet:
    """The course's ``ResNeXt50``: ResNeXt-50 (32×4d), 25,028,904 parameters for 1000 classes."""
    return ResNet("bottleneck", RESNET_LAYERS[50], num_classes, groups=32, width_per_group=4, **kwargs)
