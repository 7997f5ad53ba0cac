"""Depthwise-separable convolution and Xception's residual block (Chollet 2017, Fig. 5).

A depthwise-separable conv factors a k×k conv into a per-channel (depthwise, ``groups=C_in``) k×k
conv that filters space and a 1×1 (pointwise) conv that mixes channels. It costs
``k²·C_in + C_in·C_out`` weights instead of ``k²·C_in·C_out`` (see :func:`separable_conv_params`).
Xception puts no nonlinearity between the two (the paper's Sec. 4.7 finds that one hurts).

Parameter names are timm's ``legacy_xception`` (a port of the Keras model): the depthwise conv is
``conv1`` and the 1×1 ``pointwise``, so its state_dict loads as it is.
"""

from __future__ import annotations

import torch
import torch.nn as nn

__all__ = ["SeparableConv2d", "XceptionBlock", "separable_conv_params", "separable_macs"]


def separable_conv_params(in_channels: int, out_channels: int, kernel_size: int, bias: bool = False,
                          depth_multiplier: int = 1) -> int:
    """Learnable parameters of :class:`SeparableConv2d` (with ``bias``: one per output channel of each conv)."""
    mid = in_channels * depth_multiplier
    return kernel_size * kernel_size * mid + mid * out_channels + (mid + out_channels if bias else 0)


def separable_macs(in_channels: int, out_channels: int, height: int, width: int,
                   kernel_size: int = 3) -> tuple[int, int]:
    """Multiply–accumulates of a depthwise-separable conv on a ``height×width`` output, and of the
    standard ``k×k`` conv it replaces: ``(H·W·C_in·(k² + C_out), H·W·k²·C_in·C_out)`` (Howard et al.
    2017, eqs. 2 and 4; their ratio is ``1/C_out + 1/k²``). BN and ReLU count zero."""
    pixels, taps = height * width, kernel_size * kernel_size
    return pixels * in_channels * (taps + out_channels), pixels * taps * in_channels * out_channels


class SeparableConv2d(nn.Module):
    """Depthwise k×k conv (``conv1``) then pointwise 1×1 conv (``pointwise``); no BN or ReLU between.

    ``depth_multiplier`` filters each input channel that many times in the depthwise conv (TF-slim's
    Inception v2 stem uses 8 on the 3 input channels), so the pointwise conv sees ``in·multiplier``.
    """

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int = 3, stride: int = 1,
                 padding: int = 1, bias: bool = False, depth_multiplier: int = 1) -> None:
        super().__init__()
        mid = in_channels * depth_multiplier
        self.conv1 = nn.Conv2d(in_channels, mid, kernel_size, stride, padding, groups=in_channels, bias=bias)
        self.pointwise = nn.Conv2d(mid, out_channels, 1, bias=bias)
        self.in_channels = in_channels
        self.out_channels = out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pointwise(self.conv1(x))


class XceptionBlock(nn.Module):
    """``reps`` × (ReLU → separable 3×3 → BN) [→ max pool 3×3/stride], plus a shortcut.

    The shortcut is the identity when the shape is kept and a strided 1×1 conv + BN (``skip``,
    ``skipbn``) otherwise. ``grow_first`` widens to ``out_channels`` in the first separable conv
    (entry and middle flows); otherwise in the last one (the exit flow's 728→1024 block).
    ``start_with_relu=False`` drops the leading ReLU (the first block follows a ReLU already).
    ``rep`` is one ``nn.Sequential`` (ReLUs included) so the indices of its children, and hence
    the state_dict keys, are timm's.
    """

    def __init__(self, in_channels: int, out_channels: int, reps: int, stride: int = 1,
                 start_with_relu: bool = True, grow_first: bool = True) -> None:
        super().__init__()
        if reps < 1:
            raise ValueError(f"reps must be at least 1, got {reps}")
        if out_channels != in_channels or stride != 1:
            self.skip = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
            self.skipbn = nn.BatchNorm2d(out_channels)
        else:
            self.skip = self.skipbn = None
        if grow_first:
            widths = [in_channels] + [out_channels] * reps
        else:
            widths = [in_channels] * reps + [out_channels]
        layers: list[nn.Module] = []
        for index in range(reps):
            if start_with_relu or index > 0:
                layers.append(nn.ReLU())
            layers += [SeparableConv2d(widths[index], widths[index + 1], 3, padding=1),
                       nn.BatchNorm2d(widths[index + 1])]
        if stride != 1:
            layers.append(nn.MaxPool2d(3, stride, padding=1))
        self.rep = nn.Sequential(*layers)
        self.in_channels = in_channels
        self.out_channels = out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.skip is None else self.skipbn(self.skip(x))
        return self.rep(x) + shortcut
