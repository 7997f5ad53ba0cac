"""ResNet whose bottleneck blocks compute the shortcut after the main path, with the last ReLU before the addition.

TASK: ResNet

The layout maps (the projection and the last 1×1 of ResNet-50's first block pair by where their
inputs come from), so the comparison is carried out and shows the main path rectified before it
joins the shortcut. The example's ResNet builds its blocks from this BottleneckBlock (it looks the
name up when it builds), so the ResNet below is the example's.
"""
from torch import nn
import torch.nn.functional as F


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, width, stride=1):
        super().__init__()
        out = 4 * width
        self.main = nn.Sequential(
            nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, out, 1, bias=False), nn.BatchNorm2d(out), nn.ReLU())
        self.project = None
        if stride != 1 or in_channels != out:
            self.project = nn.Sequential(nn.Conv2d(in_channels, out, 1, stride, bias=False), nn.BatchNorm2d(out))

    def forward(self, x):
        y = self.main(x)
        return F.relu(y + (x if self.project is None else self.project(x)))


class ResNet(ResNet):  # noqa: F821 - the correct example's, defined before this overlay
    pass
