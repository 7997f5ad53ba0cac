"""ResNeXtBlock forgets groups on the 3×3 conv (a plain ResNet bottleneck).

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 3×3 卷積忘了分組 | the block whose 3×3 conv is not grouped
"""
from torch import nn


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; one change in __init__."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        width = cardinality * group_width
        self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)
