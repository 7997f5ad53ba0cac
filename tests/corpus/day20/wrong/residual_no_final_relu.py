"""No ReLU after the addition: returns main + shortcut.

TASK: ResidualBlock
MISTAKE: 相加之後少了 ReLU | the block with no ReLU after the addition
"""
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def forward(self, x):
        return nn.Sequential(*list(self)[:5])(x) + (x if self.downsample is None else self.downsample(x))
