"""BN placed before each conv (on the conv's input) instead of after it.

TASK: BottleneckBlock
MISTAKE: BN 放在卷積之前 | the block with each BN before its conv instead of after it
"""
from torch import nn

_BottleneckBlock = BottleneckBlock


class BottleneckBlock(_BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        main = self.branches[1]   # conv BN ReLU, conv BN ReLU, conv BN: each BN moved onto its conv's input
        self.branches[1] = nn.Sequential(nn.BatchNorm2d(in_channels), main[0], main[2], nn.BatchNorm2d(width),
                                         main[3], main[5], nn.BatchNorm2d(width), main[6])
