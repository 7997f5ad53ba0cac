"""The projection shortcut is a bare 1x1 conv, without its BN.

TASK: BottleneckBlock
MISTAKE: 投影捷徑少了 BN | the block whose projection shortcut has no BN
"""
from torch import nn


class BottleneckBlock(BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        if not isinstance(self.branches[0], nn.Identity):
            self.branches[0] = self.branches[0][0]   # the bare 1x1 conv, its BN dropped
