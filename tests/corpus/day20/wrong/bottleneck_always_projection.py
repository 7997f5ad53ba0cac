"""A 1x1 projection shortcut on every block, even where the identity is due.

TASK: BottleneckBlock
MISTAKE: 每個區塊都用投影捷徑 | the block with a projection shortcut even where the identity is due
FAILS: projection_shortcut, identity_path

The example's identity branch becomes a 1×1 conv with BN on every block, so a block that keeps its
shape no longer passes its input through unchanged.
"""
from torch import nn


class BottleneckBlock(BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        if isinstance(self.branches[0], nn.Identity):   # a 1x1 projection on every block, "to be safe"
            self.branches[0] = nn.Sequential(nn.Conv2d(in_channels, 4 * width, 1, stride, bias=False),
                                             nn.BatchNorm2d(4 * width))
