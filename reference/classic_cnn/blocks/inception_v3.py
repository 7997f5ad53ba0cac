"""Inception v3's modules (Szegedy et al. 2015, "Rethinking the Inception Architecture").

The paper's figures map to the modules as torchvision names them (and this package keeps those
names, so torchvision's ``inception_v3`` state_dict loads as it is):

- :class:`InceptionV3A` — Fig. 5: the 5×5 of v1 factorised into two 3×3 (35×35 grid, Mixed_5b–5d).
  torchvision/TF keep one genuine 5×5 branch beside the double 3×3, as the released model did.
- :class:`InceptionV3B` — Fig. 10's grid reduction 35→17 (Mixed_6a): stride-2 convs beside a max pool.
- :class:`InceptionV3C` — Fig. 6: n×n factorised into 1×n and n×1 (n = 7, 17×17 grid, Mixed_6b–6e).
- :class:`InceptionV3D` — the grid reduction 17→8 (Mixed_7a).
- :class:`InceptionV3E` — Fig. 7: the expanded filter bank on the 8×8 grid, 1×3 and 3×1 in
  parallel (Mixed_7b, 7c).
- :class:`InceptionV3Aux` — the auxiliary classifier on the 17×17 grid (Fig. 8).

Average-pool branches count the zero padding (``count_include_pad=True``, PyTorch's default), as
torchvision does.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

from .conv_norm_act import ConvBNReLU

__all__ = ["InceptionV3A", "InceptionV3B", "InceptionV3C", "InceptionV3D", "InceptionV3E", "InceptionV3Aux"]


def _avg_pool_same(x: torch.Tensor) -> torch.Tensor:
    return F.avg_pool2d(x, kernel_size=3, stride=1, padding=1)


def _max_pool_reduce(x: torch.Tensor) -> torch.Tensor:
    return F.max_pool2d(x, kernel_size=3, stride=2)


class InceptionV3A(nn.Module):
    """35×35 module: 1×1 64 | 1×1 48 → 5×5 64 | 1×1 64 → 3×3 96 → 3×3 96 | avg pool → 1×1 ``pool_features``."""

    def __init__(self, in_channels: int, pool_features: int) -> None:
        super().__init__()
        self.branch1x1 = ConvBNReLU(in_channels, 64, 1)
        self.branch5x5_1 = ConvBNReLU(in_channels, 48, 1)
        self.branch5x5_2 = ConvBNReLU(48, 64, 5, padding=2)
        self.branch3x3dbl_1 = ConvBNReLU(in_channels, 64, 1)
        self.branch3x3dbl_2 = ConvBNReLU(64, 96, 3, padding=1)
        self.branch3x3dbl_3 = ConvBNReLU(96, 96, 3, padding=1)
        self.branch_pool = ConvBNReLU(in_channels, pool_features, 1)
        self.out_channels = 64 + 64 + 96 + pool_features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([
            self.branch1x1(x),
            self.branch5x5_2(self.branch5x5_1(x)),
            self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
            self.branch_pool(_avg_pool_same(x)),
        ], dim=1)


class InceptionV3B(nn.Module):
    """35→17 reduction: 3×3/2 384 | 1×1 64 → 3×3 96 → 3×3/2 96 | max pool 3×3/2 (the input passes through)."""

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch3x3 = ConvBNReLU(in_channels, 384, 3, stride=2)
        self.branch3x3dbl_1 = ConvBNReLU(in_channels, 64, 1)
        self.branch3x3dbl_2 = ConvBNReLU(64, 96, 3, padding=1)
        self.branch3x3dbl_3 = ConvBNReLU(96, 96, 3, stride=2)
        self.out_channels = 384 + 96 + in_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([
            self.branch3x3(x),
            self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
            _max_pool_reduce(x),
        ], dim=1)


class InceptionV3C(nn.Module):
    """17×17 module with 7×7 factorised: 1×1 192 | 1×7 then 7×1 | twice (7×1, 1×7) | avg pool → 1×1 192.

    ``channels_7x7`` is the width inside the factorised branches (128, 160, 160, 192 in Mixed_6b–6e).
    """

    def __init__(self, in_channels: int, channels_7x7: int) -> None:
        super().__init__()
        c7 = channels_7x7
        self.branch1x1 = ConvBNReLU(in_channels, 192, 1)
        self.branch7x7_1 = ConvBNReLU(in_channels, c7, 1)
        self.branch7x7_2 = ConvBNReLU(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7_3 = ConvBNReLU(c7, 192, (7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = ConvBNReLU(in_channels, c7, 1)
        self.branch7x7dbl_2 = ConvBNReLU(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = ConvBNReLU(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = ConvBNReLU(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = ConvBNReLU(c7, 192, (1, 7), padding=(0, 3))
        self.branch_pool = ConvBNReLU(in_channels, 192, 1)
        self.out_channels = 4 * 192

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        d7 = self.branch7x7dbl_1(x)
        for conv in (self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4, self.branch7x7dbl_5):
            d7 = conv(d7)
        return torch.cat([self.branch1x1(x), b7, d7, self.branch_pool(_avg_pool_same(x))], dim=1)


class InceptionV3D(nn.Module):
    """17→8 reduction: 1×1 192 → 3×3/2 320 | 1×1 192 → 1×7 → 7×1 → 3×3/2 192 | max pool 3×3/2."""

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch3x3_1 = ConvBNReLU(in_channels, 192, 1)
        self.branch3x3_2 = ConvBNReLU(192, 320, 3, stride=2)
        self.branch7x7x3_1 = ConvBNReLU(in_channels, 192, 1)
        self.branch7x7x3_2 = ConvBNReLU(192, 192, (1, 7), padding=(0, 3))
        self.branch7x7x3_3 = ConvBNReLU(192, 192, (7, 1), padding=(3, 0))
        self.branch7x7x3_4 = ConvBNReLU(192, 192, 3, stride=2)
        self.out_channels = 320 + 192 + in_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b7 = self.branch7x7x3_1(x)
        for conv in (self.branch7x7x3_2, self.branch7x7x3_3, self.branch7x7x3_4):
            b7 = conv(b7)
        return torch.cat([self.branch3x3_2(self.branch3x3_1(x)), b7, _max_pool_reduce(x)], dim=1)


class InceptionV3E(nn.Module):
    """8×8 expanded module: 1×1 320 | 1×1 384 → (1×3 ‖ 3×1) | 1×1 448 → 3×3 384 → (1×3 ‖ 3×1) | avg pool → 1×1 192.

    The split branches widen the output (2048) instead of deepening it, which the paper argues
    keeps high-dimensional representations on the coarsest grid.
    """

    def __init__(self, in_channels: int) -> None:
        super().__init__()
        self.branch1x1 = ConvBNReLU(in_channels, 320, 1)
        self.branch3x3_1 = ConvBNReLU(in_channels, 384, 1)
        self.branch3x3_2a = ConvBNReLU(384, 384, (1, 3), padding=(0, 1))
        self.branch3x3_2b = ConvBNReLU(384, 384, (3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = ConvBNReLU(in_channels, 448, 1)
        self.branch3x3dbl_2 = ConvBNReLU(448, 384, 3, padding=1)
        self.branch3x3dbl_3a = ConvBNReLU(384, 384, (1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = ConvBNReLU(384, 384, (3, 1), padding=(1, 0))
        self.branch_pool = ConvBNReLU(in_channels, 192, 1)
        self.out_channels = 320 + 768 + 768 + 192

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b3 = self.branch3x3_1(x)
        d3 = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        return torch.cat([
            self.branch1x1(x),
            self.branch3x3_2a(b3), self.branch3x3_2b(b3),
            self.branch3x3dbl_3a(d3), self.branch3x3dbl_3b(d3),
            self.branch_pool(_avg_pool_same(x)),
        ], dim=1)


class InceptionV3Aux(nn.Module):
    """Auxiliary head on the 17×17 grid: avg pool 5×5/3 → 1×1 128 → 5×5 768 → global avg pool → fc.

    The paper (Sec. 7) finds it acts as a regulariser rather than a help to early training; it is
    built only with ``aux_logits=True`` and runs only in ``train()`` mode.
    """

    def __init__(self, in_channels: int, num_classes: int) -> None:
        super().__init__()
        self.conv0 = ConvBNReLU(in_channels, 128, 1)
        self.conv1 = ConvBNReLU(128, 768, 5)
        self.fc = nn.Linear(768, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv1(self.conv0(F.avg_pool2d(x, kernel_size=5, stride=3)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))
