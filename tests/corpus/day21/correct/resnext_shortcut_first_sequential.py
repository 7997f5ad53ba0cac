"""ResNeXtBlock with the shortcut registered and computed before an nn.Sequential main path, and in-place ReLUs.

TASK: ResNeXtBlock
"""
import torch
from torch import nn


class ResNeXtBlock(nn.Module):
    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__()
        width = cardinality * group_width
        if stride == 1 and in_channels == out_channels:
            self.proj = nn.Identity()
        else:
            self.proj = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                      nn.BatchNorm2d(out_channels))
        self.main = nn.Sequential(
            nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False), nn.BatchNorm2d(width),
            nn.ReLU(inplace=True),
            nn.Conv2d(width, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))

    def forward(self, x):
        skip = self.proj(x)
        return torch.relu(self.main(x) + skip)
