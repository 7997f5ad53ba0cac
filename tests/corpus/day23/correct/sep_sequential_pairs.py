"""I built it as two conv-BN-ReLU nn.Sequentials, dw and pw.

TASK: DepthwiseSeparableConv
"""
from torch import nn

class DepthwiseSeparableConv(nn.Sequential):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(
            nn.Sequential(nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels, bias=False),
                          nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True)),
            nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, bias=False),
                          nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True)))
