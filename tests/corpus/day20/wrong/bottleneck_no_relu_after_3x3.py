"""No ReLU after the 3x3 conv's BN.

TASK: BottleneckBlock
MISTAKE: 3×3 卷積的 BN 後少了 ReLU | the block with no ReLU after the 3×3 conv's BN
"""
from torch import nn

_BottleneckBlock = BottleneckBlock


class BottleneckBlock(_BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        self.branches[1][5] = nn.Identity()
