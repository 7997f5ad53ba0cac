"""Channel attention: squeeze-and-excitation (Hu et al. 2018) and ECA (Wang et al. 2020).

Parameter names follow the libraries' (``fc1``/``fc2`` for SE as in timm and torchvision, ``conv``
for ECA as in timm) so the zoo's SE and ECA networks load their twins' weights as they are.
"""

from __future__ import annotations

import math
from typing import Callable

import torch
import torch.nn as nn

__all__ = ["se_hidden", "se_params", "SEModule", "ECAModule", "eca_kernel_size"]


def se_hidden(channels: int, reduction: int = 16) -> int:
    """The bottleneck width of the excitation: ``max(1, channels // reduction)``."""
    return max(1, channels // reduction)


def se_params(channels: int, reduction: int = 16) -> int:
    """Learnable parameters of :class:`SEModule`: two FCs with bias, ``2·C·h + h + C``."""
    hidden = se_hidden(channels, reduction)
    return 2 * channels * hidden + hidden + channels


class SEModule(nn.Module):
    """squeeze (global average pool) → FC(C→h) → activation → FC(h→C) → gate → ``x * s``.

    The FCs are 1×1 convs (the same function as ``nn.Linear`` on the pooled vector, and the layout
    timm and torchvision use). ``hidden`` overrides ``max(1, C // reduction)`` for networks that
    size it otherwise (MobileNetV3, EfficientNet, RegNetY); ``activation``/``gate`` likewise.
    """

    def __init__(self, channels: int, reduction: int = 16, hidden: int | None = None,
                 activation: Callable[[], nn.Module] = nn.ReLU,
                 gate: Callable[[], nn.Module] = nn.Sigmoid) -> None:
        super().__init__()
        hidden = se_hidden(channels, reduction) if hidden is None else hidden
        self.fc1 = nn.Conv2d(channels, hidden, 1)
        self.act = activation()
        self.fc2 = nn.Conv2d(hidden, channels, 1)
        self.gate = gate()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        s = x.mean((2, 3), keepdim=True)
        s = self.gate(self.fc2(self.act(self.fc1(s))))
        return x * s


def eca_kernel_size(channels: int, gamma: int = 2, b: int = 1) -> int:
    """ECA-Net's adaptive kernel size: the odd number nearest ``|log2(C)/γ + b/γ|``."""
    t = int(abs((math.log2(channels) + b) / gamma))
    return t if t % 2 else t + 1


class ECAModule(nn.Module):
    """global average pool → 1-D conv across channels (1→1, ``k_size``, pad ``k_size//2``, no
    bias) → sigmoid → ``x * s``: channel attention with k weights and no dimensionality reduction."""

    def __init__(self, channels: int | None = None, k_size: int = 3) -> None:
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)
        self.gate = nn.Sigmoid()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c = x.shape[:2]
        s = x.mean((2, 3)).view(n, 1, c)
        s = self.gate(self.conv(s)).view(n, c, 1, 1)
        return x * s
