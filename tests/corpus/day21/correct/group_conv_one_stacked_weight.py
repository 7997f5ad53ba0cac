"""GroupConv2d keeps every group's filters in one (groups, out/groups, in/groups, k, k) parameter, sliced per group.

TASK: GroupConv2d
BASE: correct/group_conv_inner_groups_from_config.py
"""
import torch
from torch import nn


class GroupConv2d(GroupConv2d):
    """The base's settings and forward (weights[g], bias[g]); the parameters are one stacked tensor each."""

    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__(in_channels, out_channels, kernel_size, groups, stride, padding, bias)
        shape = (groups, out_channels // groups, in_channels // groups, kernel_size, kernel_size)
        self.weights = nn.Parameter(torch.randn(shape) * 0.1)
        self.bias = nn.Parameter(torch.zeros(groups, out_channels // groups)) if bias else None
