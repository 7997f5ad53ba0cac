"""The two 1x1 convs of the main path written as nn.Linear on channels-last tensors; shortcut named downsample and registered first.

TASK: BottleneckBlock
"""
from torch import nn
import torch.nn.functional as F


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, width, stride=1):
        super().__init__()
        out_channels = 4 * width
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                            nn.BatchNorm2d(out_channels))
        self.reduce = nn.Linear(in_channels, width, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv = nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.expand = nn.Linear(width, out_channels, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)

    @staticmethod
    def per_pixel(linear, x):
        return linear(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.per_pixel(self.reduce, x)))
        out = F.relu(self.bn2(self.conv(out)))
        out = self.bn3(self.per_pixel(self.expand, out))
        return F.relu(out + identity)
