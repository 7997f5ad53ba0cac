"""ConvNeXt's block (Liu et al. 2022): depthwise 7×7 → LayerNorm → 1×1 (4×) → GELU → 1×1 → layer
scale, plus the identity. A ResNet block "modernized" step by step towards a Transformer's.

Two parameter layouts with the same function: torchvision's (``block`` Sequential, ``layer_scale``
of shape C×1×1) and timm's (``conv_dw``/``norm``/``mlp.fc1``/``mlp.fc2``, ``gamma`` of shape C), so
either library's weights load: torchvision builds ConvNeXt T/S/B/L, only timm builds XL.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

import torch
import torch.nn as nn
import torch.nn.functional as F

from .mobile import StochasticDepth

__all__ = ["LayerNorm2d", "Permute", "ConvNeXtBlock"]

Layout = Literal["torchvision", "timm"]


class LayerNorm2d(nn.LayerNorm):
    """LayerNorm over the channels of an N×C×H×W map (each pixel normalized on its own)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class Permute(nn.Module):
    def __init__(self, dims: tuple[int, ...]) -> None:
        super().__init__()
        self.dims = dims

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.permute(*self.dims)


class ConvNeXtBlock(nn.Module):
    """x + drop_path(γ · pw2(GELU(pw1(LN(dw7×7(x)))))), the 1×1s as Linear layers on channels-last.

    One norm and one activation per block, an inverted bottleneck (4×), a large depthwise kernel
    moved before the expansion: the paper's macro/micro design steps.
    """

    def __init__(self, dim: int, drop_path: float = 0.0, layer_scale_init: float = 1e-6,
                 layout: Layout = "torchvision") -> None:
        super().__init__()
        self.layout = layout
        depthwise = nn.Conv2d(dim, dim, 7, padding=3, groups=dim)
        norm = nn.LayerNorm(dim, eps=1e-6)
        fc1, act, fc2 = nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim)
        if layout == "torchvision":
            self.block = nn.Sequential(depthwise, Permute((0, 2, 3, 1)), norm, fc1, act, fc2, Permute((0, 3, 1, 2)))
            self.layer_scale = nn.Parameter(torch.full((dim, 1, 1), layer_scale_init))
        else:
            self.conv_dw, self.norm = depthwise, norm
            self.mlp = nn.Sequential(OrderedDict(fc1=fc1, act=act, fc2=fc2))
            self.gamma = nn.Parameter(torch.full((dim,), layer_scale_init))
        self.stochastic_depth = StochasticDepth(drop_path)

    def _branch(self, x: torch.Tensor) -> torch.Tensor:
        if self.layout == "torchvision":
            return self.layer_scale * self.block(x)
        x = self.mlp(self.norm(self.conv_dw(x).permute(0, 2, 3, 1))).permute(0, 3, 1, 2)
        return x * self.gamma.view(1, -1, 1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.stochastic_depth(self._branch(x))
