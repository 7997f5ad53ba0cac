"""Forgets the expansion: the block outputs width channels instead of 4 * width.

TASK: BottleneckBlock
MISTAKE: 忘了擴張（輸出 width 個通道而非 4·width） | the block without the expansion (width output channels instead of 4·width)
"""
from torch import nn

_BottleneckBlock = BottleneckBlock


class BottleneckBlock(_BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        main = self.branches[1]
        main[6], main[7] = nn.Conv2d(width, width, 1, bias=False), nn.BatchNorm2d(width)   # width out, not 4·width
        self.branches[0] = nn.Identity() if stride == 1 and in_channels == width else nn.Sequential(
            nn.Conv2d(in_channels, width, 1, stride, bias=False), nn.BatchNorm2d(width))
