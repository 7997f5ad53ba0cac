"""Each group's conv reads every input channel (a dense conv cut along the output only).

TASK: GroupConv2d
MISTAKE: 每組卷積讀取所有輸入通道 | the grouped conv whose groups each read every input channel
"""
import torch
from torch import nn


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups = groups
        self.convs = nn.ModuleList(
            nn.Conv2d(in_channels, out_channels // groups, kernel_size, stride, padding, bias=bias)
            for _ in range(groups))

    def forward(self, x):
        parts = torch.chunk(x, self.groups, dim=1)
        return torch.cat([conv(x) for conv in self.convs], dim=1)
