"""GroupConv2d always adds a bias, even when bias=False.

TASK: GroupConv2d
MISTAKE: bias=False 時仍加偏差項 | the grouped conv that adds a bias even when bias=False
"""
import torch
from torch import nn


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups = groups
        self.convs = nn.ModuleList(
            nn.Conv2d(in_channels // groups, out_channels // groups, kernel_size, stride, padding)
            for _ in range(groups))

    def forward(self, x):
        parts = torch.chunk(x, self.groups, dim=1)
        return torch.cat([conv(p) for conv, p in zip(self.convs, parts)], dim=1)
