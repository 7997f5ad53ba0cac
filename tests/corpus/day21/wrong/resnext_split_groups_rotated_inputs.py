"""ResNeXtBlock whose 3×3 is one conv per group, but group g's conv reads slice g+1 of the reduced maps (the last reads the first).

TASK: ResNeXtBlock

The per-group convs map onto the reference's grouped conv (its weight is theirs concatenated), so
the comparison is carried out and shows each group reading another group's channels.
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
        self.convs = nn.ModuleList(nn.Conv2d(group_width, group_width, 3, stride, 1, bias=False)
                                   for _ in range(cardinality))
        self.bn = nn.BatchNorm2d(width)
        self.expand = nn.Sequential(nn.Conv2d(width, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))
        self.shortcut = nn.Identity()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                          nn.BatchNorm2d(out_channels))

    def forward(self, x):
        parts = self.reduce(x).chunk(self.cardinality, dim=1)
        y = torch.cat([conv(parts[(g + 1) % self.cardinality]) for g, conv in enumerate(self.convs)], dim=1)
        return F.relu(self.expand(F.relu(self.bn(y))) + self.shortcut(x))
