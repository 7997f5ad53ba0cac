"""ResNeXt50 keeps group width 4 in every stage instead of doubling it.

TASK: ResNeXt50
"""
from torch import nn

_ResNeXt50 = ResNeXt50


class ResNeXt50(_ResNeXt50):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        self.blocks = nn.Sequential(*(ResNeXtBlock(b.reduce[0].in_channels, b.expand[0].out_channels, 32, 4,
                                                   b.transform[0].stride[0]) for b in self.blocks))
