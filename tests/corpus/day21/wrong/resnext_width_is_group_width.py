"""ResNeXtBlock uses group_width as the block's width.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 以 group_width 作為區塊寬度 | the block whose width is group_width
"""
from torch import nn


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; built with one group, so that every width is group_width, then its 3×3 grouped again."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, 1, group_width, stride)
        self.conv2 = nn.Conv2d(group_width, group_width, 3, stride=stride, padding=1, groups=cardinality, bias=False)
