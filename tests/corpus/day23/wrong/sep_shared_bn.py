"""I used a single BN after the pointwise conv only.

TASK: DepthwiseSeparableConv
MISTAKE: 只在逐點卷積後用一個 BN | the separable conv with a single BN, after the pointwise conv only
"""
from torch import nn
import torch.nn.functional as F

class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels, bias=False)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        return F.relu(self.bn(self.pointwise(F.relu(self.depthwise(x)))))
