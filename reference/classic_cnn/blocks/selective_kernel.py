"""Selective kernel convolution (Li et al. 2019, SKNet): M parallel grouped 3×3 paths with
growing receptive fields (the 5×5 path as a 3×3 with dilation 2, as the paper suggests), fused by
a softmax across paths of attention computed from their pooled sum.

Child names follow timm's ``SelectiveKernel`` (``paths.i.conv/bn``, ``attn.fc_reduce/bn/fc_select``)
so timm's ``skresnext50_32x4d`` (the paper's SKNet-50) loads as it is.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from .conv_norm_act import ConvNormAct

__all__ = ["SelectiveKernelAttention", "SelectiveKernel", "SelectiveKernelBottleneck", "sk_attention_width"]


def sk_attention_width(channels: int, reduction: int = 16, minimum: int = 32) -> int:
    """The paper's ``d = max(C / r, L)`` with L = 32: 32, 32, 32, 64 for SKNet-50's widths (timm
    rounds C/r to a multiple of 32 first, which gives the same widths there)."""
    return max(minimum, channels // reduction)


class SelectiveKernelAttention(nn.Module):
    """Fuse: ``s = avgpool(Σ_m U_m)`` → FC to d (no bias) → BN → ReLU → FC to ``M·C`` (no bias);
    select: softmax over the M paths per channel."""

    def __init__(self, channels: int, num_paths: int = 2, hidden: int = 32) -> None:
        super().__init__()
        self.num_paths = num_paths
        self.fc_reduce = nn.Conv2d(channels, hidden, 1, bias=False)
        self.bn = nn.BatchNorm2d(hidden)
        self.act = nn.ReLU(inplace=True)
        self.fc_select = nn.Conv2d(hidden, channels * num_paths, 1, bias=False)

    def forward(self, paths: torch.Tensor) -> torch.Tensor:
        """``paths`` is (N, M, C, H, W); returns the (N, M, C, 1, 1) path weights."""
        s = paths.sum(1).mean((2, 3), keepdim=True)
        z = self.fc_select(self.act(self.bn(self.fc_reduce(s))))
        n, mc = z.shape[:2]
        return torch.softmax(z.view(n, self.num_paths, mc // self.num_paths, 1, 1), dim=1)


class SelectiveKernel(nn.Module):
    """``Σ_m a_m ⊙ U_m`` with ``U_m = ReLU(BN(conv3×3_dilation=m(x)))`` (grouped, stride)."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, groups: int = 1, num_paths: int = 2,
                 reduction: int = 16, minimum_hidden: int = 32) -> None:
        super().__init__()
        self.paths = nn.ModuleList(
            ConvNormAct(in_channels, out_channels, 3, stride, groups=groups, dilation=m + 1) for m in range(num_paths)
        )
        self.attn = SelectiveKernelAttention(out_channels, num_paths,
                                             sk_attention_width(out_channels, reduction, minimum_hidden))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        paths = torch.stack([path(x) for path in self.paths], dim=1)
        return (paths * self.attn(paths)).sum(1)


class SelectiveKernelBottleneck(nn.Module):
    """The SKNet unit: the ResNeXt bottleneck with its grouped 3×3 replaced by an SK convolution
    (conv 1×1 → SK[M paths, G groups] → conv 1×1 without activation), plus the shortcut, ReLU."""

    expansion = 4

    def __init__(self, in_channels: int, width: int, stride: int = 1, out_channels: int | None = None,
                 groups: int = 32, shortcut: nn.Module | None = None, num_paths: int = 2, reduction: int = 16) -> None:
        super().__init__()
        out_channels = 4 * width if out_channels is None else out_channels
        self.conv1 = ConvNormAct(in_channels, width, 1)
        self.conv2 = SelectiveKernel(width, width, stride, groups, num_paths, reduction)
        self.conv3 = ConvNormAct(width, out_channels, 1, activation=None)
        self.act = nn.ReLU(inplace=True)
        self.downsample = shortcut

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.act(self.conv3(self.conv2(self.conv1(x))) + shortcut)
