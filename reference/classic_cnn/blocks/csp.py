"""Cross Stage Partial stages (Wang et al. 2020, CSPNet): a stage's input is split in two; one part
goes through the stage's residual blocks and a transition, the other bypasses them, and the two
are concatenated and mixed by a final 1×1 transition. Half the feature map skips the blocks, so
their gradients are not duplicated and the stage costs less.

The layout and child names are timm's ``CrossStage`` (``conv_down``, ``conv_exp``, ``blocks``,
``conv_transition_b``, ``conv_transition``): timm's ``cspresnet50``, ``cspresnext50`` and
``cspdarknet53`` load as they are. As in timm, the split is done on the output of one 1×1
"expansion" conv (the Darknet configs use two 1×1 convs, one per part: the same function with
the expansion conv's output halves as the two convs).
"""

from __future__ import annotations

from functools import partial
from typing import Callable

import torch
import torch.nn as nn

from .conv_norm_act import ConvNormAct

__all__ = ["leaky_relu", "CSPBottleneck", "DarkBlock", "CrossStage"]

Activation = Callable[[], nn.Module]

# Darknet's leaky ReLU uses slope 0.1; timm's CSP networks use PyTorch's default 0.01 (the twins).
leaky_relu: Activation = partial(nn.LeakyReLU, inplace=True)


class CSPBottleneck(nn.Module):
    """The ResNe(X)t bottleneck of CSPResNet/CSPResNeXt: conv 1×1 → conv 3×3 (groups) → conv 1×1
    (no activation), plus the identity, then the activation. ``mid = round(out · bottle_ratio)``."""

    def __init__(self, in_channels: int, out_channels: int, bottle_ratio: float = 0.25, groups: int = 1,
                 activation: Activation = leaky_relu) -> None:
        super().__init__()
        mid = int(round(out_channels * bottle_ratio))
        self.conv1 = ConvNormAct(in_channels, mid, 1, activation=activation)
        self.conv2 = ConvNormAct(mid, mid, 3, groups=groups, activation=activation)
        self.conv3 = ConvNormAct(mid, out_channels, 1, activation=None)
        self.act3 = activation()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act3(self.conv3(self.conv2(self.conv1(x))) + x)


class DarkBlock(nn.Module):
    """Darknet-53's residual unit: conv 1×1 (to ``round(out · bottle_ratio)``) → conv 3×3, plus the
    identity, with no activation after the addition."""

    def __init__(self, in_channels: int, out_channels: int, bottle_ratio: float = 0.5, groups: int = 1,
                 activation: Activation = leaky_relu) -> None:
        super().__init__()
        mid = int(round(out_channels * bottle_ratio))
        self.conv1 = ConvNormAct(in_channels, mid, 1, activation=activation)
        self.conv2 = ConvNormAct(mid, out_channels, 3, groups=groups, activation=activation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv2(self.conv1(x)) + x


class CrossStage(nn.Module):
    """[conv 3×3/stride down] → conv 1×1 to ``exp = out · expand_ratio`` → split in halves; the
    second half → ``depth`` blocks (width ``out · block_ratio``) → 1×1 transition to ``exp/2``;
    concatenate with the first half → 1×1 transition to ``out``.

    ``down_growth`` makes the downsampling conv produce ``out`` channels (CSPDarknet) instead of
    keeping the input's; ``cross_linear`` drops the expansion conv's activation (CSPResNe(X)t).
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int, depth: int,
                 block: Callable[..., nn.Module], block_ratio: float = 1.0, bottle_ratio: float = 1.0,
                 expand_ratio: float = 1.0, groups: int = 1, down_growth: bool = False, cross_linear: bool = False,
                 activation: Activation = leaky_relu) -> None:
        super().__init__()
        expand = int(round(out_channels * expand_ratio))
        block_out = int(round(out_channels * block_ratio))
        if stride != 1:
            down = out_channels if down_growth else in_channels
            self.conv_down = ConvNormAct(in_channels, down, 3, stride, groups=groups, activation=activation)
            in_channels = down
        else:
            self.conv_down = nn.Identity()
        self.conv_exp = ConvNormAct(in_channels, expand, 1, activation=None if cross_linear else activation)
        self.split = expand // 2
        blocks, channels = [], self.split
        for _ in range(depth):
            blocks.append(block(channels, block_out, bottle_ratio=bottle_ratio, groups=groups, activation=activation))
            channels = block_out
        self.blocks = nn.Sequential(*blocks)
        self.conv_transition_b = ConvNormAct(channels, self.split, 1, activation=activation)
        self.conv_transition = ConvNormAct(expand, out_channels, 1, activation=activation)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv_exp(self.conv_down(x))
        bypass, through = x.split(self.split, dim=1)
        through = self.conv_transition_b(self.blocks(through))
        return self.conv_transition(torch.cat([bypass, through], dim=1))
