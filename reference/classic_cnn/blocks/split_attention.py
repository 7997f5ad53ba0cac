"""Split attention (Zhang et al. 2020, ResNeSt): the grouped 3×3 conv produces ``radix`` splits
per cardinal group; their sum is pooled, passed through a two-layer grouped MLP, and a softmax
across the splits (r-softmax) weights them before they are summed back.

Child names follow timm's ``SplitAttn`` and ``ResNestBottleneck`` so timm's ``resnest50d`` and
``resnest101e`` (the paper's ResNeSt-50 and -101) load as they are.
"""

from __future__ import annotations

import torch
import torch.nn as nn

__all__ = ["split_attention_width", "SplitAttention", "SplitAttentionBottleneck"]


def split_attention_width(channels: int, radix: int = 2, reduction: int = 4, minimum: int = 32,
                          divisor: int = 8) -> int:
    """The attention MLP's hidden width: ``C·radix/reduction``, at least 32, rounded to a
    multiple of 8 (the official code's ``max(C·R/4, 32)``; the rounding never binds there)."""
    value = channels * radix / reduction
    width = max(minimum, int(value + divisor / 2) // divisor * divisor)
    return width + divisor if width < 0.9 * value else width


class SplitAttention(nn.Module):
    """conv k×k to ``radix·C`` (``groups·radix`` groups) → BN → ReLU → split attention → C maps."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1, groups: int = 1,
                 radix: int = 2, reduction: int = 4) -> None:
        super().__init__()
        self.radix = radix
        self.groups = groups
        hidden = split_attention_width(in_channels, radix, reduction)
        self.conv = nn.Conv2d(in_channels, out_channels * radix, kernel_size, stride, kernel_size // 2,
                              groups=groups * radix, bias=False)
        self.bn0 = nn.BatchNorm2d(out_channels * radix)
        self.act0 = nn.ReLU(inplace=True)
        self.fc1 = nn.Conv2d(out_channels, hidden, 1, groups=groups)
        self.bn1 = nn.BatchNorm2d(hidden)
        self.act1 = nn.ReLU(inplace=True)
        self.fc2 = nn.Conv2d(hidden, out_channels * radix, 1, groups=groups)

    def _split_weights(self, logits: torch.Tensor) -> torch.Tensor:
        """r-softmax: a softmax over the radix splits within each cardinal group (sigmoid if radix 1)."""
        n = logits.shape[0]
        if self.radix == 1:
            return torch.sigmoid(logits).view(n, 1, -1, 1, 1)
        weights = logits.view(n, self.groups, self.radix, -1).transpose(1, 2).softmax(dim=1)
        return weights.reshape(n, self.radix, -1, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        splits = self.act0(self.bn0(self.conv(x)))
        n, rc, h, w = splits.shape
        splits = splits.view(n, self.radix, rc // self.radix, h, w)
        gap = splits.sum(1).mean((2, 3), keepdim=True)
        logits = self.fc2(self.act1(self.bn1(self.fc1(gap))))
        return (splits * self._split_weights(logits)).sum(1)


class SplitAttentionBottleneck(nn.Module):
    """The ResNeSt block: conv 1×1 → BN → ReLU → split attention (stride 1) → [avg pool 3×3/s
    when the block downsamples: the paper's "avd"] → conv 1×1 → BN, plus the shortcut, ReLU."""

    expansion = 4

    def __init__(self, in_channels: int, width: int, stride: int = 1, out_channels: int | None = None,
                 groups: int = 1, shortcut: nn.Module | None = None, radix: int = 2) -> None:
        super().__init__()
        out_channels = 4 * width if out_channels is None else out_channels
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.act1 = nn.ReLU(inplace=True)
        self.conv2 = SplitAttention(width, width, 3, 1, groups, radix)
        # The stride moves from the 3×3 conv to an average pool after it (fewer aliasing artefacts).
        self.avd_last = nn.AvgPool2d(3, stride, padding=1) if stride > 1 else None
        self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.act3 = nn.ReLU(inplace=True)
        self.downsample = shortcut

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.conv2(self.act1(self.bn1(self.conv1(x))))
        if self.avd_last is not None:
            out = self.avd_last(out)
        return self.act3(self.bn3(self.conv3(out)) + shortcut)
