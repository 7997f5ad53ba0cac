"""ResNeXtBlock as an nn.Sequential subclass (the main path is the sequence) with an overridden forward.

TASK: ResNeXtBlock
"""
from torch import nn


class ResNeXtBlock(nn.Sequential):
    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        width = cardinality * group_width
        super().__init__(
            nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))
        self.needs_projection = stride != 1 or in_channels != out_channels
        if self.needs_projection:
            self.down_conv = nn.Conv2d(in_channels, out_channels, 1, stride, bias=False)
            self.down_bn = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        out = x
        for layer in list(self.children())[:8]:  # the main path; the projection is registered after it
            out = layer(out)
        if self.needs_projection:
            out = out + self.down_bn(self.down_conv(x))
        else:
            out = out + x
        return out.clamp(min=0)
