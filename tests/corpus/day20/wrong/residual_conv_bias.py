"""The 3x3 convolutions keep their bias (redundant before BN, and extra parameters).

TASK: ResidualBlock
MISTAKE: 3×3 卷積保留了偏差項 | the block whose 3×3 convs keep their bias
"""
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self[0] = nn.Conv2d(in_channels, out_channels, 3, stride, 1)
        self[3] = nn.Conv2d(out_channels, out_channels, 3, 1, 1)
