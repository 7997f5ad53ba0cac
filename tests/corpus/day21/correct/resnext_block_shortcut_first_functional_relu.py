"""ResNeXtBlock registers its projection first, computes the shortcut before the main path and uses functional ReLUs.

TASK: ResNeXtBlock
"""
import torch.nn.functional as F
from torch import nn


class ResNeXtBlock(nn.Module):
    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__()
        width = cardinality * group_width
        self.project = None
        if stride != 1 or in_channels != out_channels:
            self.project = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                         nn.BatchNorm2d(out_channels))
        self.conv_a, self.bn_a = nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width)
        self.conv_b = nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False)
        self.bn_b = nn.BatchNorm2d(width)
        self.conv_c, self.bn_c = nn.Conv2d(width, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels)

    def forward(self, x):
        skip = x if self.project is None else self.project(x)
        y = F.relu(self.bn_a(self.conv_a(x)))
        y = F.relu(self.bn_b(self.conv_b(y)))
        return F.relu(self.bn_c(self.conv_c(y)) + skip)
