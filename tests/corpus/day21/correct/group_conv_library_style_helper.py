"""GroupConv2d whose per-group convolutions come from a library-style helper that takes a groups argument (1 here) and conv options as **kwargs.

TASK: GroupConv2d
"""
import torch
from torch import nn
import torch.nn.functional as F


def make_conv(in_channels, out_channels, kernel_size, groups=1, **kwargs):
    """A conv factory in the style of model libraries: every option passes through."""
    return nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, **kwargs)


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups = groups
        self.convs = nn.ModuleList(
            make_conv(in_channels // groups, out_channels // groups, kernel_size, stride=stride, padding=padding,
                      bias=bias)
            for _ in range(groups))

    def forward(self, x):
        return torch.cat([conv(part) for conv, part in zip(self.convs, x.chunk(self.groups, dim=1))], dim=1)
