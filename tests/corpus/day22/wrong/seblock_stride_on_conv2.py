"""SE block striding on the second 3×3 conv instead of the first.

TASK: SEResidualBlock
MISTAKE: stride 放在第二個 3×3 卷積 | the block with the stride on the second 3×3 conv
"""
from torch import nn

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__(in_channels, out_channels, stride, reduction)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1, bias=False)
