"""group_conv_params builds the split convs on the meta device and counts their parameters.

TASK: group_conv_params
"""
import torch
from torch import nn


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    with torch.device("meta"):
        convs = [nn.Conv2d(in_channels // groups, out_channels // groups, kernel_size, bias=bias) for _ in range(groups)]
    return int(sum(p.numel() for conv in convs for p in conv.parameters()))
