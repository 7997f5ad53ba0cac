"""My 'depthwise' conv forgot groups, so it is a full 3×3 conv.

TASK: DepthwiseSeparableConv
MISTAKE: 深度卷積忘了分組（成了完整的 3×3 卷積） | the separable conv whose depthwise conv is not grouped (a full 3×3 conv)
"""
from torch import nn


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, 1, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
