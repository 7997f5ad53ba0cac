"""ResNeXt50 with cardinality 64 and group width 2 (the width, not the layout, of 32×4d).

TASK: ResNeXt50
"""
from torch import nn

_ResNeXt50 = ResNeXt50


class ResNeXt50(_ResNeXt50):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        # every block again, with 64 groups of half the width (the same total width)
        self.blocks = nn.Sequential(*(ResNeXtBlock(b.reduce[0].in_channels, b.expand[0].out_channels, 64,
                                                   b.transform[0].out_channels // 64, b.transform[0].stride[0])
                                      for b in self.blocks))
