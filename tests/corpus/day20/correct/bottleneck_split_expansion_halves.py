"""BottleneckBlock whose last 1×1 (the expansion to 4·width maps) is two convs of 2·width maps each, concatenated before one BN.

TASK: BottleneckBlock
BASE: correct/resnet_modulelist_mean_pool.py

The reference's expansion conv holds the two halves' weights concatenated along dim 0 (a split
layer); the BN after the concatenation is the reference's BN. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class BottleneckBlock(BottleneckBlock):
    """The base's block (attribute layout) with its expansion 1×1 as two convs of 2·width maps each."""

    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        del self.conv3
        self.expand_low = nn.Conv2d(width, 2 * width, 1, bias=False)
        self.expand_high = nn.Conv2d(width, 2 * width, 1, bias=False)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(torch.cat([self.expand_low(y), self.expand_high(y)], dim=1))
        return F.relu(y + self.shortcut(x))
