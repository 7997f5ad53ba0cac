"""An nn.Sequential subclass holding the main path, with the shortcut as an extra attribute and an in-place ReLU on its own sum.

TASK: ResidualBlock
"""
from torch import nn


class ResidualBlock(nn.Sequential):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(
            nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False),
            nn.BatchNorm2d(out_channels),
        )
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                            nn.BatchNorm2d(out_channels))

    def forward(self, x):
        out = x
        for layer in list(self)[:5]:  # the main path; iterating self would reach the shortcut too
            out = layer(out)
        out += x if self.downsample is None else self.downsample(x)
        return out.relu_()
