"""ResNeXtBlock whose 3×3 is one conv per group, but group g's conv reads slice g+1 of the reduced maps (the last reads the first).

TASK: ResNeXtBlock
BASE: correct/resnext_bn_per_group.py

The per-group convs map onto the reference's grouped conv (its weight is theirs concatenated), so
the comparison is carried out and shows each group reading another group's channels.
"""
import torch
from torch import nn
import torch.nn.functional as F


class ResNeXtBlock(ResNeXtBlock):
    """The base's reduce, expand and shortcut; one conv per group, one BN over their concatenation."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        del self.paths
        self.convs = nn.ModuleList(nn.Conv2d(group_width, group_width, 3, stride, 1, bias=False)
                                   for _ in range(cardinality))
        self.bn = nn.BatchNorm2d(cardinality * group_width)

    def forward(self, x):
        parts = self.reduce(x).chunk(self.cardinality, dim=1)
        y = torch.cat([conv(parts[(g + 1) % self.cardinality]) for g, conv in enumerate(self.convs)], dim=1)
        return F.relu(self.expand(F.relu(self.bn(y))) + self.shortcut(x))
