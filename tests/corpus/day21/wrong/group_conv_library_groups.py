"""GroupConv2d hands the grouping to nn.Conv2d(groups=groups).

TASK: GroupConv2d
"""
from torch import nn


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, groups=groups, bias=bias)

    def forward(self, x):
        return self.conv(x)
