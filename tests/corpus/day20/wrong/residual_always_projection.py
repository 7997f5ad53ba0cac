"""A 1x1 projection shortcut on every block, even where the identity is due.

TASK: ResidualBlock
MISTAKE: 每個區塊都用投影捷徑 | the block with a projection shortcut even where the identity is due
FAILS: projection_shortcut, identity_path

The example's downsample (conv and BN) is built for every block, so a stride-1 block with the same
channels adds a projection instead of its input.
"""
from torch import nn


class ResidualBlock(ResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        if self.downsample is None:   # a 1x1 projection on every block, "to be safe"
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                            nn.BatchNorm2d(out_channels))
