"""I put the stride on the pointwise 1×1 conv.

TASK: DepthwiseSeparableConv
MISTAKE: stride 放在逐點 1×1 卷積 | the separable conv with the stride on the pointwise 1×1 conv
"""
from torch import nn


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, 1, 1, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, stride, bias=False)
