"""The projection shortcut has its own BN (the post-activation block's shortcut).

TASK: PreActBlock
MISTAKE: 投影捷徑多了自己的 BN | the block whose projection shortcut has a BN of its own
"""
from torch import nn

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        if self.shortcut_conv is not None:
            self.shortcut_conv = nn.Sequential(self.shortcut_conv, nn.BatchNorm2d(out_channels))
