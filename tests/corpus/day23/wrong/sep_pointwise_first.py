"""I did the pointwise 1×1 conv first and the depthwise one after it.

TASK: DepthwiseSeparableConv
MISTAKE: 先做逐點卷積再做深度卷積 | the separable conv with the pointwise conv first and the depthwise one after it
"""
from torch import nn
import torch.nn.functional as F

class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.depthwise = nn.Conv2d(out_channels, out_channels, 3, stride, 1, groups=out_channels, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        x = F.relu(self.bn1(self.pointwise(x)))
        return F.relu(self.bn2(self.depthwise(x)))
