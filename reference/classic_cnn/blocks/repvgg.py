"""RepVGG's block (Ding et al. 2021): three branches in training, one 3×3 conv at inference.

Training form: ``relu(BN(conv3×3(x)) + BN(conv1×1(x)) + BN(x))`` (the identity branch only where
the shape is kept). Every branch is linear up to the sum, so the three fold exactly into a single
3×3 conv with bias (:meth:`RepVGGBlock.reparameterize`): BN folds into its conv's weights, the 1×1
kernel pads to a 3×3 with only the centre set, and the identity is a 3×3 kernel that is 1 at the
centre of each channel's own input. Parameter names follow timm's (``conv_kxk``, ``conv_1x1``,
``identity``; ``reparam_conv`` once fused).
"""

from __future__ import annotations

from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = ["RepVGGBlock", "fuse_conv_bn"]


def _conv_bn(in_channels: int, out_channels: int, kernel_size: int, stride: int, groups: int) -> nn.Sequential:
    return nn.Sequential(OrderedDict(
        conv=nn.Conv2d(in_channels, out_channels, kernel_size, stride, kernel_size // 2, groups=groups, bias=False),
        bn=nn.BatchNorm2d(out_channels)))


def fuse_conv_bn(weight: torch.Tensor, bn: nn.BatchNorm2d) -> tuple[torch.Tensor, torch.Tensor]:
    """The (weight, bias) of one conv computing ``bn(conv(x, weight))`` in eval mode."""
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    return weight * scale.view(-1, 1, 1, 1), bn.bias - bn.running_mean * scale


class RepVGGBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, groups: int = 1,
                 deploy: bool = False) -> None:
        super().__init__()
        self.in_channels, self.out_channels, self.stride, self.groups = in_channels, out_channels, stride, groups
        if deploy:
            self.reparam_conv = nn.Conv2d(in_channels, out_channels, 3, stride, 1, groups=groups)
        else:
            self.identity = (nn.BatchNorm2d(out_channels) if in_channels == out_channels and stride == 1
                             else None)
            self.conv_kxk = _conv_bn(in_channels, out_channels, 3, stride, groups)
            self.conv_1x1 = _conv_bn(in_channels, out_channels, 1, stride, groups)
        self.act = nn.ReLU(inplace=True)

    @property
    def fused(self) -> bool:
        return hasattr(self, "reparam_conv")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.fused:
            return self.act(self.reparam_conv(x))
        out = self.conv_kxk(x) + self.conv_1x1(x)
        if self.identity is not None:
            out = out + self.identity(x)
        return self.act(out)

    def _identity_kernel(self) -> torch.Tensor:
        per_group = self.in_channels // self.groups
        kernel = torch.zeros(self.out_channels, per_group, 3, 3, dtype=self.conv_kxk.conv.weight.dtype,
                             device=self.conv_kxk.conv.weight.device)
        channels = torch.arange(self.out_channels)
        kernel[channels, channels % per_group, 1, 1] = 1.0
        return kernel

    @torch.no_grad()
    def fused_kernel(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The single 3×3 (weight, bias) equivalent to the training form in eval mode."""
        weight, bias = fuse_conv_bn(self.conv_kxk.conv.weight, self.conv_kxk.bn)
        weight_1x1, bias_1x1 = fuse_conv_bn(F.pad(self.conv_1x1.conv.weight, [1, 1, 1, 1]), self.conv_1x1.bn)
        weight, bias = weight + weight_1x1, bias + bias_1x1
        if self.identity is not None:
            weight_id, bias_id = fuse_conv_bn(self._identity_kernel(), self.identity)
            weight, bias = weight + weight_id, bias + bias_id
        return weight, bias

    @torch.no_grad()
    def reparameterize(self) -> None:
        """Replace the three branches by the one 3×3 conv they equal (eval-mode statistics)."""
        if self.fused:
            return
        weight, bias = self.fused_kernel()
        self.reparam_conv = nn.Conv2d(self.in_channels, self.out_channels, 3, self.stride, 1, groups=self.groups,
                                      device=weight.device, dtype=weight.dtype)
        self.reparam_conv.weight.copy_(weight)
        self.reparam_conv.bias.copy_(bias)
        del self.conv_kxk, self.conv_1x1, self.identity
