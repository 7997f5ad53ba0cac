"""My pointwise conv is 3×3 with padding 1 too.

TASK: DepthwiseSeparableConv
MISTAKE: 逐點卷積也用 3×3 | the separable conv whose pointwise conv is 3×3 too
"""
from torch import nn


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)
