"""SE block whose projection shortcut has no BN.

TASK: SEResidualBlock
MISTAKE: 投影捷徑少了 BN | the block whose projection shortcut has no BN
"""
from torch import nn

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__(in_channels, out_channels, stride, reduction)
        if not isinstance(self.shortcut, nn.Identity):
            del self.shortcut[1]   # the projection's BN
