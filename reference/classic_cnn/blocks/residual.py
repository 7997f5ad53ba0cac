"""Residual blocks (He et al. 2015, 2016; Xie et al. 2017): basic, bottleneck and pre-activation.

One implementation serves the course's reference (day20–22 tasks) and the zoo's networks, so the
attribute names are torchvision's (``conv1``, ``bn1``, …, ``downsample``): a zoo ResNet loads
torchvision's ``state_dict`` as it is.

The shortcut is the identity exactly when the block keeps the shape (stride 1 and the same channel
count); otherwise a 1×1 projection (stride, no bias) followed by BN. That is option (B) of the
ResNet paper, the one torchvision and the course use.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn as nn

__all__ = ["conv3x3", "projection", "BasicBlock", "Bottleneck", "PreActBlock", "PreActBottleneck",
           "ZeroPadShortcut", "basic_block", "bottleneck_block", "resnext_block", "se_residual_block"]

AttentionFactory = Callable[[int], nn.Module]


def conv3x3(in_channels: int, out_channels: int, stride: int = 1, groups: int = 1) -> nn.Conv2d:
    return nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, groups=groups, bias=False)


def projection(in_channels: int, out_channels: int, stride: int, norm: bool = True) -> nn.Module | None:
    """The shortcut: None (identity) when the shape is kept, else conv 1×1 (stride, no bias) → BN."""
    if stride == 1 and in_channels == out_channels:
        return None
    conv = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
    return nn.Sequential(conv, nn.BatchNorm2d(out_channels)) if norm else nn.Sequential(conv)


class BasicBlock(nn.Module):
    """conv 3×3 (stride) → BN → ReLU → conv 3×3 → BN [→ attention], plus the shortcut, then ReLU.

    ``attention`` (for example an SE module factory) is applied to the residual branch after its
    last BN and before the addition, as in SENet's Fig. 3. ``shortcut`` replaces the default
    projection when the shape changes (the CIFAR ResNets' parameter-free zero padding, a network's
    average-pool downsample); ``drop_path`` (stochastic depth) acts on the residual branch last.
    """

    expansion = 1

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1,
                 attention: AttentionFactory | None = None, shortcut: nn.Module | None = None,
                 drop_path: nn.Module | None = None) -> None:
        super().__init__()
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(out_channels, out_channels)
        self.bn2 = nn.BatchNorm2d(out_channels)
        if attention is not None:
            self.se = attention(out_channels)
        if drop_path is not None:
            self.drop_path = drop_path
        self.downsample = projection(in_channels, out_channels, stride) if shortcut is None else shortcut
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if hasattr(self, "se"):
            out = self.se(out)
        if hasattr(self, "drop_path"):
            out = self.drop_path(out)
        return self.relu(out + shortcut)


class Bottleneck(nn.Module):
    """conv 1×1 → BN → ReLU → conv 3×3 (groups) → BN → ReLU → conv 1×1 → BN [→ attention], plus
    the shortcut, then ReLU.

    ``width`` is the channel count inside the block; the output has ``out_channels`` (``4 * width``
    when not given, the ResNet expansion). ``groups`` > 1 makes it a ResNeXt block (cardinality).
    ``stride_on`` places the stride on the 3×3 conv (torchvision, "ResNet v1.5", the course) or on
    the first 1×1 conv (the 2015 paper and Caffe models); the two differ in MACs, not parameters.
    ``first_width`` narrows the first 1×1 conv's output (SENet-154 halves it); ``shortcut`` and
    ``drop_path`` are as in :class:`BasicBlock`.
    """

    expansion = 4

    def __init__(self, in_channels: int, width: int, stride: int = 1, out_channels: int | None = None,
                 groups: int = 1, stride_on: str = "3x3", attention: AttentionFactory | None = None,
                 shortcut: nn.Module | None = None, drop_path: nn.Module | None = None,
                 first_width: int | None = None) -> None:
        super().__init__()
        if stride_on not in ("3x3", "1x1"):
            raise ValueError(f"stride_on must be '3x3' or '1x1', got {stride_on!r}")
        out_channels = 4 * width if out_channels is None else out_channels
        first, middle = (1, stride) if stride_on == "3x3" else (stride, 1)
        first_width = width if first_width is None else first_width
        self.conv1 = nn.Conv2d(in_channels, first_width, 1, stride=first, bias=False)
        self.bn1 = nn.BatchNorm2d(first_width)
        self.conv2 = conv3x3(first_width, width, middle, groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        if attention is not None:
            self.se = attention(out_channels)
        if drop_path is not None:
            self.drop_path = drop_path
        self.downsample = projection(in_channels, out_channels, stride) if shortcut is None else shortcut
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if hasattr(self, "se"):
            out = self.se(out)
        if hasattr(self, "drop_path"):
            out = self.drop_path(out)
        return self.relu(out + shortcut)


class PreActBlock(nn.Module):
    """The identity-mapping block (He et al. 2016): ``pre = ReLU(BN(x))``; main path conv 3×3
    (stride) on ``pre`` → BN → ReLU → conv 3×3; the shortcut is ``x`` itself when the shape is
    kept, else a 1×1 conv (stride, no bias, no BN) on ``pre``; output ``main + shortcut`` with no
    activation after the addition, so the signal path from block to block stays clean."""

    expansion = 1

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1) -> None:
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv2 = conv3x3(out_channels, out_channels)
        self.relu = nn.ReLU()
        self.downsample = projection(in_channels, out_channels, stride, norm=False)
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pre = self.relu(self.bn1(x))
        shortcut = x if self.downsample is None else self.downsample(pre)
        out = self.conv1(pre)
        out = self.conv2(self.relu(self.bn2(out)))
        return out + shortcut


class PreActBottleneck(nn.Module):
    """The pre-activation bottleneck (He et al. 2016, Fig. 4(e)): BN → ReLU → conv 1×1 → BN → ReLU
    → conv 3×3 (stride) → BN → ReLU → conv 1×1 to ``4 · width``; the shortcut is ``x`` when the
    shape is kept, else a 1×1 conv (stride, no BN) on the pre-activated input, and nothing follows
    the addition. The CIFAR pre-activation ResNet-164 and -1001 stack these."""

    expansion = 4

    def __init__(self, in_channels: int, width: int, stride: int = 1, out_channels: int | None = None) -> None:
        super().__init__()
        out_channels = 4 * width if out_channels is None else out_channels
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride)
        self.bn3 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)
        self.relu = nn.ReLU()
        self.downsample = projection(in_channels, out_channels, stride, norm=False)
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pre = self.relu(self.bn1(x))
        shortcut = x if self.downsample is None else self.downsample(pre)
        out = self.conv1(pre)
        out = self.conv2(self.relu(self.bn2(out)))
        out = self.conv3(self.relu(self.bn3(out)))
        return out + shortcut


class ZeroPadShortcut(nn.Module):
    """Option (A) of the ResNet paper, used by its CIFAR networks: subsample by ``stride`` and pad
    the new channels with zeros. Parameter-free, which is why ResNet-110 has 1.7M parameters."""

    def __init__(self, in_channels: int, out_channels: int, stride: int) -> None:
        super().__init__()
        if out_channels < in_channels:
            raise ValueError(f"zero padding cannot shrink {in_channels} channels to {out_channels}")
        self.extra = out_channels - in_channels
        self.stride = stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x[:, :, ::self.stride, ::self.stride]
        # Pad half the new channels before and half after, as the paper's Torch/Caffe ports do.
        before = self.extra // 2
        return nn.functional.pad(x, (0, 0, 0, 0, before, self.extra - before))


# The course's task signatures (the rubrics' `signature` fields), as thin builders over the shared blocks.

def basic_block(in_channels: int, out_channels: int, stride: int = 1) -> BasicBlock:
    """day20 ``ResidualBlock(in_channels, out_channels, stride=1)``."""
    return BasicBlock(in_channels, out_channels, stride)


def bottleneck_block(in_channels: int, width: int, stride: int = 1) -> Bottleneck:
    """day20 ``BottleneckBlock(in_channels, width, stride=1)``: output ``4 * width`` channels."""
    return Bottleneck(in_channels, width, stride)


def resnext_block(in_channels: int, out_channels: int, cardinality: int, group_width: int,
                  stride: int = 1) -> Bottleneck:
    """day21 ``ResNeXtBlock``: a bottleneck of width ``cardinality * group_width`` whose 3×3 conv
    has ``groups=cardinality``."""
    return Bottleneck(in_channels, cardinality * group_width, stride, out_channels=out_channels,
                      groups=cardinality)


def se_residual_block(in_channels: int, out_channels: int, stride: int = 1, reduction: int = 16) -> BasicBlock:
    """day22 ``SEResidualBlock``: the basic block with an SE module after its second BN."""
    from .attention import SEModule

    return BasicBlock(in_channels, out_channels, stride, attention=lambda c: SEModule(c, reduction))
