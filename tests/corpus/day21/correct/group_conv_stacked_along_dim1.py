"""GroupConv2d keeps every group's filters stacked on dim 1: one (out/groups, groups, in/groups, k, k) weight and an (out/groups, groups) bias, read [:, g].

TASK: GroupConv2d

The reference's per-group weights are this tensor's slices along a new axis 1 (a stacked layout
along an axis other than the first), and its biases the bias's columns. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups, self.stride, self.padding = groups, stride, padding
        self.weight = nn.Parameter(
            torch.randn(out_channels // groups, groups, in_channels // groups, kernel_size, kernel_size) * 0.1)
        self.bias = nn.Parameter(torch.zeros(out_channels // groups, groups)) if bias else None

    def forward(self, x):
        outs = []
        for g, part in enumerate(x.chunk(self.groups, dim=1)):
            bias = None if self.bias is None else self.bias[:, g]
            outs.append(F.conv2d(part, self.weight[:, g], bias, self.stride, self.padding))
        return torch.cat(outs, dim=1)
