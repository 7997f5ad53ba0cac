"""The stride sits on the second 3x3 conv instead of the first.

TASK: PreActBlock
MISTAKE: stride 放在第二個 3×3 卷積 | the block with the stride on the second 3×3 conv
"""
from torch import nn


class PreActBlock(PreActBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1, bias=False)
