"""GroupConv2d concatenates the group outputs in reverse order.

TASK: GroupConv2d
MISTAKE: 以相反順序串接各組輸出 | the grouped conv that concatenates the group outputs in reverse order
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
        parts = torch.chunk(x, self.groups, dim=1)
        return torch.cat([conv(p) for conv, p in zip(self.convs, parts)][::-1], dim=1)
