"""Inception v4's modules (Szegedy et al. 2016, "Inception-v4, Inception-ResNet and the Impact of
Residual Connections on Learning", Figs. 3–9).

Children are named as timm's ``inception_v4`` names them (``branch0``, ``branch1`` …, a
``nn.Sequential`` per multi-conv branch), so timm's state_dict loads as it is. Pool branches of
the same-size modules average without counting the padding (``count_include_pad=False``), as the
TensorFlow original and timm do.

- :class:`StemMixed3a`, :class:`StemMixed4a`, :class:`StemMixed5a` — the three filter-concatenations of
  the stem (Fig. 3): 147×147×64 → 73×73×160 → 71×71×192 → 35×35×384.
- :class:`InceptionV4A` (Fig. 4, 35×35), :class:`InceptionV4B` (Fig. 5, 17×17),
  :class:`InceptionV4C` (Fig. 6, 8×8).
- :class:`ReductionA` (Fig. 7, 35→17) with the paper's Table 1 widths ``k, l, m, n`` — shared by
  Inception v4 and both Inception-ResNets — and :class:`InceptionV4ReductionB` (Fig. 8, 17→8).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from .conv_norm_act import ConvBNReLU

__all__ = ["StemMixed3a", "StemMixed4a", "StemMixed5a", "InceptionV4A", "InceptionV4B", "InceptionV4C",
           "ReductionA", "InceptionV4ReductionB", "REDUCTION_A_WIDTHS"]

# Table 1 of the paper: the filter numbers (k, l, m, n) of Reduction-A in each network.
REDUCTION_A_WIDTHS = {
    "inception_v4": (192, 224, 256, 384),
    "inception_resnet_v1": (192, 192, 256, 384),
    "inception_resnet_v2": (256, 256, 384, 384),
}


def _avg_pool_then(conv: nn.Module) -> nn.Sequential:
    return nn.Sequential(nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False), conv)


class _Concat(nn.Module):
    """Runs the ``branches`` on the same input and concatenates their outputs on the channel axis."""

    branch_names: tuple[str, ...] = ()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([getattr(self, name)(x) for name in self.branch_names], dim=1)


class StemMixed3a(_Concat):
    """147×147×64 → 73×73×160: max pool 3×3/2 ‖ 3×3/2 conv 96."""

    branch_names = ("maxpool", "conv")

    def __init__(self) -> None:
        super().__init__()
        self.maxpool = nn.MaxPool2d(3, stride=2)
        self.conv = ConvBNReLU(64, 96, 3, stride=2)
        self.out_channels = 160


class StemMixed4a(_Concat):
    """73×73×160 → 71×71×192: 1×1 64 → 3×3 96 ‖ 1×1 64 → 7×1 → 1×7 → 3×3 96 (valid 3×3s)."""

    branch_names = ("branch0", "branch1")

    def __init__(self) -> None:
        super().__init__()
        self.branch0 = nn.Sequential(ConvBNReLU(160, 64, 1), ConvBNReLU(64, 96, 3))
        self.branch1 = nn.Sequential(
            ConvBNReLU(160, 64, 1),
            ConvBNReLU(64, 64, (1, 7), padding=(0, 3)),
            ConvBNReLU(64, 64, (7, 1), padding=(3, 0)),
            ConvBNReLU(64, 96, 3),
        )
        self.out_channels = 192


class StemMixed5a(_Concat):
    """71×71×192 → 35×35×384: 3×3/2 conv 192 ‖ max pool 3×3/2."""

    branch_names = ("conv", "maxpool")

    def __init__(self) -> None:
        super().__init__()
        self.conv = ConvBNReLU(192, 192, 3, stride=2)
        self.maxpool = nn.MaxPool2d(3, stride=2)
        self.out_channels = 384


class InceptionV4A(_Concat):
    """35×35×384: 1×1 96 | 1×1 64 → 3×3 96 | 1×1 64 → 3×3 96 → 3×3 96 | avg pool → 1×1 96."""

    branch_names = ("branch0", "branch1", "branch2", "branch3")

    def __init__(self, in_channels: int = 384) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(in_channels, 96, 1)
        self.branch1 = nn.Sequential(ConvBNReLU(in_channels, 64, 1), ConvBNReLU(64, 96, 3, padding=1))
        self.branch2 = nn.Sequential(ConvBNReLU(in_channels, 64, 1), ConvBNReLU(64, 96, 3, padding=1),
                                     ConvBNReLU(96, 96, 3, padding=1))
        self.branch3 = _avg_pool_then(ConvBNReLU(in_channels, 96, 1))
        self.out_channels = 4 * 96


class InceptionV4B(_Concat):
    """17×17×1024: 1×1 384 | 1×1 192 → 1×7 224 → 7×1 256 | 1×1 192 → 7×1 → 1×7 → 7×1 → 1×7 256 | avg pool → 1×1 128."""

    branch_names = ("branch0", "branch1", "branch2", "branch3")

    def __init__(self, in_channels: int = 1024) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(in_channels, 384, 1)
        self.branch1 = nn.Sequential(
            ConvBNReLU(in_channels, 192, 1),
            ConvBNReLU(192, 224, (1, 7), padding=(0, 3)),
            ConvBNReLU(224, 256, (7, 1), padding=(3, 0)),
        )
        self.branch2 = nn.Sequential(
            ConvBNReLU(in_channels, 192, 1),
            ConvBNReLU(192, 192, (7, 1), padding=(3, 0)),
            ConvBNReLU(192, 224, (1, 7), padding=(0, 3)),
            ConvBNReLU(224, 224, (7, 1), padding=(3, 0)),
            ConvBNReLU(224, 256, (1, 7), padding=(0, 3)),
        )
        self.branch3 = _avg_pool_then(ConvBNReLU(in_channels, 128, 1))
        self.out_channels = 384 + 256 + 256 + 128


class InceptionV4C(nn.Module):
    """8×8×1536: 1×1 256 | 1×1 384 → (1×3 256 ‖ 3×1 256) | 1×1 384 → 3×1 448 → 1×3 512 → (1×3 256 ‖ 3×1 256)
    | avg pool → 1×1 256. The third branch's 3×1-then-1×3 order is the released TensorFlow model's (and timm's).
    """

    def __init__(self, in_channels: int = 1536) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(in_channels, 256, 1)
        self.branch1_0 = ConvBNReLU(in_channels, 384, 1)
        self.branch1_1a = ConvBNReLU(384, 256, (1, 3), padding=(0, 1))
        self.branch1_1b = ConvBNReLU(384, 256, (3, 1), padding=(1, 0))
        self.branch2_0 = ConvBNReLU(in_channels, 384, 1)
        self.branch2_1 = ConvBNReLU(384, 448, (3, 1), padding=(1, 0))
        self.branch2_2 = ConvBNReLU(448, 512, (1, 3), padding=(0, 1))
        self.branch2_3a = ConvBNReLU(512, 256, (1, 3), padding=(0, 1))
        self.branch2_3b = ConvBNReLU(512, 256, (3, 1), padding=(1, 0))
        self.branch3 = _avg_pool_then(ConvBNReLU(in_channels, 256, 1))
        self.out_channels = 6 * 256

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b1 = self.branch1_0(x)
        b2 = self.branch2_2(self.branch2_1(self.branch2_0(x)))
        return torch.cat([self.branch0(x), self.branch1_1a(b1), self.branch1_1b(b1),
                          self.branch2_3a(b2), self.branch2_3b(b2), self.branch3(x)], dim=1)


class ReductionA(_Concat):
    """35→17 (Fig. 7): 3×3/2 ``n`` | 1×1 ``k`` → 3×3 ``l`` → 3×3/2 ``m`` | max pool 3×3/2.

    Output channels ``n + m + in_channels``; see :data:`REDUCTION_A_WIDTHS` for each network's (k, l, m, n).
    """

    branch_names = ("branch0", "branch1", "branch2")

    def __init__(self, in_channels: int, k: int, l: int, m: int, n: int) -> None:  # noqa: E741 (the paper's names)
        super().__init__()
        self.branch0 = ConvBNReLU(in_channels, n, 3, stride=2)
        self.branch1 = nn.Sequential(ConvBNReLU(in_channels, k, 1), ConvBNReLU(k, l, 3, padding=1),
                                     ConvBNReLU(l, m, 3, stride=2))
        self.branch2 = nn.MaxPool2d(3, stride=2)
        self.out_channels = n + m + in_channels


class InceptionV4ReductionB(_Concat):
    """17→8 (Fig. 8): 1×1 192 → 3×3/2 192 | 1×1 256 → 1×7 256 → 7×1 320 → 3×3/2 320 | max pool 3×3/2."""

    branch_names = ("branch0", "branch1", "branch2")

    def __init__(self, in_channels: int = 1024) -> None:
        super().__init__()
        self.branch0 = nn.Sequential(ConvBNReLU(in_channels, 192, 1), ConvBNReLU(192, 192, 3, stride=2))
        self.branch1 = nn.Sequential(
            ConvBNReLU(in_channels, 256, 1),
            ConvBNReLU(256, 256, (1, 7), padding=(0, 3)),
            ConvBNReLU(256, 320, (7, 1), padding=(3, 0)),
            ConvBNReLU(320, 320, 3, stride=2),
        )
        self.branch2 = nn.MaxPool2d(3, stride=2)
        self.out_channels = 192 + 320 + in_channels
