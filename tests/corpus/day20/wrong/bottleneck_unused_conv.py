"""Creates a second 3x3 conv that forward never uses.

TASK: BottleneckBlock
"""
from torch import nn

_BottleneckBlock = BottleneckBlock


class BottleneckBlock(_BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        self.conv2b = nn.Conv2d(width, width, 3, padding=1, bias=False)   # built, never called
