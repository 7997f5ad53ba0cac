"""BottleneckBlock whose last 1×1 (the expansion to 4·width maps) is two convs of 2·width maps each, concatenated before one BN.

TASK: BottleneckBlock

The reference's expansion conv holds the two halves' weights concatenated along dim 0 (a split
layer); the BN after the concatenation is the reference's BN. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, width, stride=1):
        super().__init__()
        out = 4 * width
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.expand_low = nn.Conv2d(width, out // 2, 1, bias=False)
        self.expand_high = nn.Conv2d(width, out // 2, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.projection = None
        if stride != 1 or in_channels != out:
            self.projection = nn.Sequential(nn.Conv2d(in_channels, out, 1, stride, bias=False), nn.BatchNorm2d(out))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(torch.cat([self.expand_low(y), self.expand_high(y)], dim=1))
        return F.relu(y + (x if self.projection is None else self.projection(x)))
