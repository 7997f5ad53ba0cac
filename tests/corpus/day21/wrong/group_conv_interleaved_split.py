"""GroupConv2d gives group j the channels j, j+g, j+2g, … instead of a contiguous slice.

TASK: GroupConv2d
MISTAKE: 第 j 組取通道 j, j+g, …（交錯切分） | the grouped conv that gives group j the channels j, j+g, j+2g, … instead of a contiguous slice
"""
import torch
from torch import nn


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups = groups
        self.convs = nn.ModuleList(
            nn.Conv2d(in_channels // groups, out_channels // groups, kernel_size, stride, padding, bias=bias)
            for _ in range(groups))

    def forward(self, x):
        parts = [x[:, j::self.groups] for j in range(self.groups)]
        return torch.cat([conv(p) for conv, p in zip(self.convs, parts)], dim=1)
