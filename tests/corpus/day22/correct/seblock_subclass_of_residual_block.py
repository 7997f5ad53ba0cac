"""SE block as a subclass of a plain ResidualBlock, overriding a hook on the residual branch.

TASK: SEResidualBlock
"""
from torch import nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.branch = nn.Sequential(   # the residual branch, up to the hook
            nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False), nn.BatchNorm2d(out_channels))
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                            nn.BatchNorm2d(out_channels))

    def recalibrate(self, out):
        return out

    def forward(self, x):
        shortcut = x if self.downsample is None else self.downsample(x)
        return F.relu(self.recalibrate(self.branch(x)) + shortcut)


class SEResidualBlock(ResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__(in_channels, out_channels, stride)
        self.se = SEModule(out_channels, reduction)

    def recalibrate(self, out):
        return self.se(out)
