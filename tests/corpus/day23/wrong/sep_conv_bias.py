"""I kept the default biases on both convs.

TASK: DepthwiseSeparableConv
MISTAKE: 兩個卷積都保留了偏差項 | the separable conv whose two convs keep their bias
"""
from torch import nn


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1)
