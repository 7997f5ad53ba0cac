"""Inception-ResNet modules (Szegedy et al. 2016, Figs. 10–13 for v1, 16–19 for v2).

Each residual module runs a small Inception module, concatenates its branches, projects them back
to the input width with a *linear* 1×1 conv (with bias, no BN: "1×1 Conv (… Linear)" in the
figures), scales the result (Sec. 3.3: scaling by 0.1–0.3 keeps very wide residual nets stable) and
adds it to the input before the ReLU. The widths are arguments: the defaults are Inception-ResNet-v2's
(timm's names and numbers), :data:`INCEPTION_RESNET_V1_WIDTHS` holds v1's.

- :class:`InceptionResNetA` — 35×35 (Figs. 10 / 16), :class:`InceptionResNetB` — 17×17 (Figs. 11 / 17),
  :class:`InceptionResNetC` — 8×8 (Figs. 13 / 19).
- :class:`InceptionResNetReductionB` — 17→8 (Figs. 12 / 18); Reduction-A is
  :class:`~classic_cnn.blocks.inception_v4.ReductionA`, shared with Inception v4.
"""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn as nn

from .conv_norm_act import ConvBNReLU

__all__ = ["InceptionResNetA", "InceptionResNetB", "InceptionResNetC", "InceptionResNetReductionB",
           "INCEPTION_RESNET_V1_WIDTHS"]

# Inception-ResNet-v1's branch widths (Figs. 10-13), in the keyword arguments of the classes below.
INCEPTION_RESNET_V1_WIDTHS = {
    "A": dict(branch0=32, branch1=(32, 32), branch2=(32, 32, 32)),
    "B": dict(branch0=128, branch1=(128, 128, 128)),
    "C": dict(branch0=192, branch1=(192, 192, 192)),
    "reduction_B": dict(branch0=(256, 384), branch1=(256, 256), branch2=(256, 256, 256)),
}


def _chain(in_channels: int, widths: Sequence[int], kernels: Sequence, paddings: Sequence) -> nn.Sequential:
    convs, channels = [], in_channels
    for width, kernel, padding in zip(widths, kernels, paddings, strict=True):
        convs.append(ConvBNReLU(channels, width, kernel, padding=padding))
        channels = width
    return nn.Sequential(*convs)


class _ScaledResidual(nn.Module):
    """``act(x + scale · conv2d(cat(branches(x))))``; subclasses build ``branch0`` … and list them."""

    branch_names: tuple[str, ...] = ()

    def _finish(self, channels: int, concat_channels: int, scale: float, activate: bool) -> None:
        self.conv2d = nn.Conv2d(concat_channels, channels, kernel_size=1)  # linear up-projection
        self.act = nn.ReLU() if activate else nn.Identity()
        self.scale = scale
        self.channels = self.out_channels = channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mixed = torch.cat([getattr(self, name)(x) for name in self.branch_names], dim=1)
        return self.act(x + self.scale * self.conv2d(mixed))


class InceptionResNetA(_ScaledResidual):
    """35×35: 1×1 ``branch0`` | 1×1 → 3×3 ``branch1`` | 1×1 → 3×3 → 3×3 ``branch2``, linear 1×1 back to ``channels``."""

    branch_names = ("branch0", "branch1", "branch2")

    def __init__(self, channels: int = 320, branch0: int = 32, branch1: Sequence[int] = (32, 32),
                 branch2: Sequence[int] = (32, 48, 64), scale: float = 0.17, activate: bool = True) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(channels, branch0, 1)
        self.branch1 = _chain(channels, branch1, (1, 3), (0, 1))
        self.branch2 = _chain(channels, branch2, (1, 3, 3), (0, 1, 1))
        self._finish(channels, branch0 + branch1[-1] + branch2[-1], scale, activate)


class InceptionResNetB(_ScaledResidual):
    """17×17: 1×1 ``branch0`` | 1×1 → 1×7 → 7×1 ``branch1``, linear 1×1 back to ``channels``."""

    branch_names = ("branch0", "branch1")

    def __init__(self, channels: int = 1088, branch0: int = 192, branch1: Sequence[int] = (128, 160, 192),
                 scale: float = 0.10, activate: bool = True) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(channels, branch0, 1)
        self.branch1 = _chain(channels, branch1, (1, (1, 7), (7, 1)), (0, (0, 3), (3, 0)))
        self._finish(channels, branch0 + branch1[-1], scale, activate)


class InceptionResNetC(_ScaledResidual):
    """8×8: 1×1 ``branch0`` | 1×1 → 1×3 → 3×1 ``branch1``, linear 1×1 back to ``channels``.

    ``activate=False`` leaves out the ReLU after the sum (the last C module of the released v2).
    """

    branch_names = ("branch0", "branch1")

    def __init__(self, channels: int = 2080, branch0: int = 192, branch1: Sequence[int] = (192, 224, 256),
                 scale: float = 0.20, activate: bool = True) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(channels, branch0, 1)
        self.branch1 = _chain(channels, branch1, (1, (1, 3), (3, 1)), (0, (0, 1), (1, 0)))
        self._finish(channels, branch0 + branch1[-1], scale, activate)


class InceptionResNetReductionB(nn.Module):
    """17→8: 1×1 → 3×3/2 ``branch0`` | 1×1 → 3×3/2 ``branch1`` | 1×1 → 3×3 → 3×3/2 ``branch2`` | max pool 3×3/2."""

    def __init__(self, in_channels: int = 1088, branch0: Sequence[int] = (256, 384),
                 branch1: Sequence[int] = (256, 288), branch2: Sequence[int] = (256, 288, 320)) -> None:
        super().__init__()
        self.branch0 = nn.Sequential(ConvBNReLU(in_channels, branch0[0], 1),
                                     ConvBNReLU(branch0[0], branch0[1], 3, stride=2))
        self.branch1 = nn.Sequential(ConvBNReLU(in_channels, branch1[0], 1),
                                     ConvBNReLU(branch1[0], branch1[1], 3, stride=2))
        self.branch2 = nn.Sequential(ConvBNReLU(in_channels, branch2[0], 1),
                                     ConvBNReLU(branch2[0], branch2[1], 3, padding=1),
                                     ConvBNReLU(branch2[1], branch2[2], 3, stride=2))
        self.branch3 = nn.MaxPool2d(3, stride=2)
        self.out_channels = branch0[-1] + branch1[-1] + branch2[-1] + in_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)], dim=1)
