"""At stride 1 with a channel change, the first 1x1 conv and the projection are one fused 1x1 conv, split afterwards.

TASK: BottleneckBlock
"""
from torch import nn
import torch.nn.functional as F


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, width, stride=1):
        super().__init__()
        self.width, self.stride = width, stride
        out = 4 * width
        self.mode = "identity" if stride == 1 and in_channels == out else ("fused" if stride == 1 else "strided")
        if self.mode == "fused":
            self.reduce_and_project = nn.Conv2d(in_channels, width + out, 1, bias=False)
        else:
            self.reduce = nn.Conv2d(in_channels, width, 1, bias=False)
            if self.mode == "strided":
                self.project = nn.Conv2d(in_channels, out, 1, stride=stride, bias=False)
        if self.mode != "identity":
            self.project_bn = nn.BatchNorm2d(out)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv = nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.expand = nn.Conv2d(width, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)

    def forward(self, x):
        if self.mode == "fused":
            both = self.reduce_and_project(x)
            reduced, shortcut = both[:, :self.width], self.project_bn(both[:, self.width:])
        else:
            reduced = self.reduce(x)
            shortcut = x if self.mode == "identity" else self.project_bn(self.project(x))
        out = F.relu(self.bn1(reduced))
        out = F.relu(self.bn2(self.conv(out)))
        return F.relu(self.bn3(self.expand(out)) + shortcut)
