"""ResNeXtBlock groups the 3×3 by group_width instead of cardinality.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 3×3 卷積以 group_width 而非 cardinality 分組 | the block whose 3×3 conv has group_width groups instead of cardinality
"""
from torch import nn


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; one change in __init__."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        width = cardinality * group_width
        self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, groups=group_width, bias=False)
