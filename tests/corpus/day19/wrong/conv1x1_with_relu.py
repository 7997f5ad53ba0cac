"""conv1x1 followed by a ReLU: the compression layer has no activation of its own.

TASK: conv1x1
MISTAKE: 1×1 卷積後多加了 ReLU | the 1×1 conv followed by a ReLU

Expected to fail: same_function (negative outputs are clipped).
"""
from torch import nn


def conv1x1(in_channels, out_channels):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size=1), nn.ReLU())
