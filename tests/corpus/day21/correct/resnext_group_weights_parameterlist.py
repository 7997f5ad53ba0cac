"""ResNeXtBlock whose grouped 3×3 keeps one weight per group in an nn.ParameterList, each applied with F.conv2d to its slice of the input.

TASK: ResNeXtBlock
BASE: correct/resnext_bn_per_group.py

The reference's one grouped conv weight (width, width/cardinality, 3, 3) holds the list's weights
concatenated along dim 0 (a split layer). Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class ResNeXtBlock(ResNeXtBlock):
    """The base's reduce, expand and shortcut; the grouped 3×3 is a list of weights, one BN after it."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        del self.paths
        self.stride = stride
        self.group_weights = nn.ParameterList(
            nn.Parameter(torch.randn(group_width, group_width, 3, 3) * 0.1) for _ in range(cardinality))
        self.bn = nn.BatchNorm2d(cardinality * group_width)

    def forward(self, x):
        y = self.reduce(x)
        y = torch.cat([F.conv2d(part, weight, stride=self.stride, padding=1)
                       for part, weight in zip(y.chunk(self.cardinality, dim=1), self.group_weights)], dim=1)
        y = self.expand(F.relu(self.bn(y)))
        return F.relu(y + self.shortcut(x))
