"""CBAM, the convolutional block attention module (Woo et al. 2018): channel attention from
average- and max-pooled descriptors through one shared MLP, then spatial attention from a 7×7
conv over the channel-wise mean and max maps.

Child names follow timm's ``CbamModule`` (``channel.fc1/fc2``, ``spatial.conv.conv/bn``) so a timm
ResNet-50 with ``attn_layer='cbam'`` loads as it is. The paper's code gives its MLP biases
(``mlp_bias=True``, 16,048 more parameters in ResNet-50 + CBAM: the paper's 28.09M); timm's has
none (``mlp_bias=False``).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from .attention import se_hidden
from .conv_norm_act import ConvNormAct

__all__ = ["ChannelAttention", "SpatialAttention", "CBAM", "cbam_params"]


class ChannelAttention(nn.Module):
    """``x · σ(MLP(avgpool x) + MLP(maxpool x))``; the MLP is C → C/r → C (1×1 convs, ReLU between)."""

    def __init__(self, channels: int, reduction: int = 16, mlp_bias: bool = True) -> None:
        super().__init__()
        hidden = se_hidden(channels, reduction)
        self.fc1 = nn.Conv2d(channels, hidden, 1, bias=mlp_bias)
        self.act = nn.ReLU(inplace=True)
        self.fc2 = nn.Conv2d(hidden, channels, 1, bias=mlp_bias)
        self.gate = nn.Sigmoid()

    def _mlp(self, pooled: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(pooled)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        attention = self._mlp(x.mean((2, 3), keepdim=True)) + self._mlp(x.amax((2, 3), keepdim=True))
        return x * self.gate(attention)


class SpatialAttention(nn.Module):
    """``x · σ(BN(conv7×7([mean_c x; max_c x])))``: the paper's Eq. 3 with its code's BN."""

    def __init__(self, kernel_size: int = 7) -> None:
        super().__init__()
        self.conv = ConvNormAct(2, 1, kernel_size, activation=None)
        self.gate = nn.Sigmoid()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        maps = torch.cat([x.mean(1, keepdim=True), x.amax(1, keepdim=True)], dim=1)
        return x * self.gate(self.conv(maps))


class CBAM(nn.Module):
    """Channel attention, then spatial attention, in sequence (the paper's best arrangement)."""

    def __init__(self, channels: int, reduction: int = 16, kernel_size: int = 7, mlp_bias: bool = True) -> None:
        super().__init__()
        self.channel = ChannelAttention(channels, reduction, mlp_bias)
        self.spatial = SpatialAttention(kernel_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.spatial(self.channel(x))


def cbam_params(channels: int, reduction: int = 16, kernel_size: int = 7, mlp_bias: bool = True) -> int:
    """Learnable parameters of :class:`CBAM`: the MLP's ``2·C·h`` (+ ``h + C`` biases), the
    spatial conv's ``2·k²`` and its BN's 2."""
    hidden = se_hidden(channels, reduction)
    return 2 * channels * hidden + (hidden + channels if mlp_bias else 0) + 2 * kernel_size ** 2 + 2
