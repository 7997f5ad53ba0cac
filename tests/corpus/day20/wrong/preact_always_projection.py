"""A 1x1 projection shortcut on every block, even where the identity is due.

TASK: PreActBlock
MISTAKE: 每個區塊都用投影捷徑 | the block with a projection shortcut even where the identity is due
FAILS: projection_shortcut, identity_path

The pre-activation block gets its bare 1×1 shortcut conv on every block, where the input should
pass through unchanged.
"""
from torch import nn


class PreActBlock(PreActBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        if self.shortcut_conv is None:
            self.shortcut_conv = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
