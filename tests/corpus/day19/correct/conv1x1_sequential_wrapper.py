"""conv1x1 returning an nn.Sequential that wraps the 1×1 conv (parameters named '0.weight', '0.bias').

TASK: conv1x1

Same function, same parameters. Expected: full marks.
"""
from torch import nn


def conv1x1(in_channels, out_channels):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size=(1, 1), stride=1, padding=0))
