"""GroupConv2d applies one conv, shared by every group, to each slice.

TASK: GroupConv2d
MISTAKE: 所有組共用同一個卷積 | the grouped conv whose groups share one conv
"""
import torch
from torch import nn


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups = groups
        self.conv = nn.Conv2d(in_channels // groups, out_channels // groups, kernel_size, stride, padding, bias=bias)

    def forward(self, x):
        return torch.cat([self.conv(p) for p in torch.chunk(x, self.groups, dim=1)], dim=1)
