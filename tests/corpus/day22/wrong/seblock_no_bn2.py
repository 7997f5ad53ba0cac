"""SE block without the BN after the second conv.

TASK: SEResidualBlock
MISTAKE: 第二個卷積後少了 BN | the block with no BN after the second conv
"""
from torch import nn

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__(in_channels, out_channels, stride, reduction)
        self.bn2 = nn.Identity()   # no BN after the second conv
