"""SE block with a projection shortcut even when the shape is kept.

TASK: SEResidualBlock
MISTAKE: 每個區塊都用投影捷徑 | the block with a projection shortcut even where the identity is due
"""
from torch import nn

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__(in_channels, out_channels, stride, reduction)
        if isinstance(self.shortcut, nn.Identity):
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                          nn.BatchNorm2d(out_channels))
