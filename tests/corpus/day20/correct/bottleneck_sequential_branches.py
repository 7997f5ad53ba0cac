"""Main path and shortcut as nn.Sequential branches in an nn.ModuleList, in-place ReLUs.

TASK: BottleneckBlock
"""
from torch import nn
import torch.nn.functional as F


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, width, stride=1):
        super().__init__()
        out = 4 * width
        main = nn.Sequential(
            nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, out, 1, bias=False), nn.BatchNorm2d(out))
        shortcut = nn.Identity() if stride == 1 and in_channels == out else nn.Sequential(
            nn.Conv2d(in_channels, out, 1, stride, bias=False), nn.BatchNorm2d(out))
        self.branches = nn.ModuleList([shortcut, main])

    def forward(self, x):
        shortcut, main = self.branches
        return F.relu(main(x) + shortcut(x), inplace=True)
