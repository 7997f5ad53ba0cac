"""ShuffleNet's channel shuffle and units: v1 (Zhang et al. 2017) and v2 (Ma et al. 2018).

:class:`ShuffleV2Unit` has torchvision's parameter layout (``branch1``/``branch2`` Sequentials);
:class:`ShuffleV1Unit` follows the authors' (Megvii's) reference code, which no library ships.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = ["channel_shuffle", "ShuffleV1Unit", "ShuffleV2Unit"]


def channel_shuffle(x: torch.Tensor, groups: int) -> torch.Tensor:
    """Interleave the channels of ``groups`` groups: reshape (g, C/g) → transpose → flatten, so the
    next grouped conv sees every group's outputs (the paper's Figure 1c)."""
    n, c, h, w = x.shape
    if c % groups:
        raise ValueError(f"channel_shuffle: {c} channels do not split into {groups} groups")
    return x.view(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class ShuffleV1Unit(nn.Module):
    """grouped 1×1 (C→m) → BN → ReLU → shuffle → depthwise 3×3 (stride s) → BN → grouped 1×1 → BN.

    Stride 1: ``relu(x + branch(x))``. Stride 2: ``cat(avgpool3×3/2(x), relu(branch(x)))``, the
    branch producing ``out - in`` channels so the concatenation has ``out``. ``first_group=False``
    makes the first 1×1 ungrouped (stage 2's first unit, whose input has only 24 channels).
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int, groups: int, mid_channels: int,
                 first_grouped: bool = True) -> None:
        super().__init__()
        self.stride, self.groups = stride, groups
        branch_out = out_channels - in_channels if stride == 2 else out_channels
        self.compress = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, 1, groups=groups if first_grouped else 1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
        )
        self.depthwise = nn.Sequential(
            nn.Conv2d(mid_channels, mid_channels, 3, stride, 1, groups=mid_channels, bias=False),
            nn.BatchNorm2d(mid_channels),
        )
        self.expand = nn.Sequential(
            nn.Conv2d(mid_channels, branch_out, 1, groups=groups, bias=False),
            nn.BatchNorm2d(branch_out),
        )
        self.shortcut = nn.AvgPool2d(3, 2, 1) if stride == 2 else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.compress(x)
        if self.groups > 1:
            out = channel_shuffle(out, self.groups)
        out = self.expand(self.depthwise(out))
        if self.stride == 2:
            return torch.cat((self.shortcut(x), F.relu(out)), 1)
        return F.relu(x + out)


def _depthwise_bn(channels: int, stride: int) -> list[nn.Module]:
    return [nn.Conv2d(channels, channels, 3, stride, 1, groups=channels, bias=False), nn.BatchNorm2d(channels)]


def _pointwise_bn_relu(in_channels: int, out_channels: int) -> list[nn.Module]:
    return [nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True)]


class ShuffleV2Unit(nn.Module):
    """Stride 1: split the channels in half, keep one half, transform the other
    (1×1 → BN → ReLU → dw 3×3 → BN → 1×1 → BN → ReLU), concatenate, shuffle with 2 groups.
    Stride 2: no split; both halves see the whole input (the left one through dw 3×3/2 → 1×1) and
    the output has twice the channels.

    Equal input/output widths in every conv and no grouped 1×1s: the paper's guidelines G1 and G2.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int) -> None:
        super().__init__()
        if stride == 1 and in_channels != out_channels:
            raise ValueError("a stride-1 ShuffleNetV2 unit keeps its width")
        self.stride = stride
        half = out_channels // 2
        self.branch1 = (nn.Sequential(*_depthwise_bn(in_channels, stride), *_pointwise_bn_relu(in_channels, half))
                        if stride > 1 else nn.Sequential())
        self.branch2 = nn.Sequential(*_pointwise_bn_relu(in_channels if stride > 1 else half, half),
                                     *_depthwise_bn(half, stride), *_pointwise_bn_relu(half, half))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.stride == 1:
            kept, transformed = x.chunk(2, dim=1)
            out = torch.cat((kept, self.branch2(transformed)), 1)
        else:
            out = torch.cat((self.branch1(x), self.branch2(x)), 1)
        return channel_shuffle(out, 2)
