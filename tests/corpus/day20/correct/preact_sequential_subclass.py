"""An nn.Sequential subclass of the residual branch (BN -> ReLU -> conv -> BN -> ReLU -> conv) plus a projection read from the pre-activation.

TASK: PreActBlock
"""
from torch import nn


class PreActBlock(nn.Sequential):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(
            nn.BatchNorm2d(in_channels), nn.ReLU(),
            nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False))
        self.needs_projection = stride != 1 or in_channels != out_channels
        if self.needs_projection:
            self.add_module("projection", nn.Conv2d(in_channels, out_channels, 1, stride, bias=False))

    def forward(self, x):
        pre = self[1](self[0](x))
        out = pre
        for layer in list(self)[2:6]:
            out = layer(out)
        return out + (self.projection(pre) if self.needs_projection else x)
