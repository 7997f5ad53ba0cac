"""BottleneckBlock whose expansion 1×1 is two half convs concatenated, with a ReLU on the halves before the last BN.

TASK: BottleneckBlock

The split layout maps onto the reference's one expansion conv, so the comparison is carried out
and shows the extra ReLU (the reference normalises the expansion's raw output).
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
        y = self.bn3(F.relu(torch.cat([self.expand_low(y), self.expand_high(y)], dim=1)))
        return F.relu(y + (x if self.projection is None else self.projection(x)))
