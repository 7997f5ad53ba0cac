"""No ReLU after the addition: returns main + shortcut.

TASK: ResidualBlock
"""
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def forward(self, x):
        return nn.Sequential(*list(self)[:5])(x) + (x if self.downsample is None else self.downsample(x))
