"""SE block whose SE module always uses the default reduction of 16.

TASK: SEResidualBlock
MISTAKE: SE 模組一律用預設的 reduction 16 | the block whose SE module always uses the default reduction of 16
"""
from torch import nn

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__(in_channels, out_channels, stride, reduction)
        self.se = SEModule(out_channels)   # always SE's default reduction, 16
