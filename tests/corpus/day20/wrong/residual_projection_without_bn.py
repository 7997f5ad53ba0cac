"""The projection shortcut is a bare 1x1 conv, without its BN.

TASK: ResidualBlock
MISTAKE: 投影捷徑少了 BN | the block whose projection shortcut has no BN
"""


class ResidualBlock(ResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        if self.downsample is not None:
            self.downsample = self.downsample[0]   # the bare 1x1 conv, its BN dropped
