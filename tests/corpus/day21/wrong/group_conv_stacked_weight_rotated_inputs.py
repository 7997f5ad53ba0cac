"""GroupConv2d with one stacked (groups, out/groups, in/groups, k, k) weight, but group g's filters read input slice g+1 (the last reads the first).

TASK: GroupConv2d

The stacked layout maps onto the reference's per-group weights, so the comparison is carried out:
output group g must depend on input group g alone.
"""
import torch
from torch import nn
import torch.nn.functional as F


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups, self.stride, self.padding = groups, stride, padding
        self.weight = nn.Parameter(
            torch.randn(groups, out_channels // groups, in_channels // groups, kernel_size, kernel_size) * 0.1)
        self.bias = nn.Parameter(torch.zeros(groups, out_channels // groups)) if bias else None

    def forward(self, x):
        parts = x.chunk(self.groups, dim=1)
        outs = []
        for g in range(self.groups):
            bias = None if self.bias is None else self.bias[g]
            outs.append(F.conv2d(parts[(g + 1) % self.groups], self.weight[g], bias, self.stride, self.padding))
        return torch.cat(outs, dim=1)
