"""My depthwise conv has no padding.

TASK: DepthwiseSeparableConv
MISTAKE: 深度卷積沒有補值 | the separable conv whose depthwise conv has no padding
"""
from torch import nn


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
