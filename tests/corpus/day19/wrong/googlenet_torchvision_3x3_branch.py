"""GoogLeNet whose blocks use torchvision's 3×3 conv in the '5×5' branch.

TASK: GoogLeNet

The network swaps each block's 5×5 conv for a 3×3 one (InceptionBlock itself is unchanged).
Expected to fail: parameter_count, macs and same_function.
"""
from torch import nn

_GoogLeNet = GoogLeNet


class GoogLeNet(_GoogLeNet):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        for block in self.modules():
            if isinstance(block, InceptionBlock):
                block.c = nn.Conv2d(block.c.in_channels, block.c.out_channels, 3, padding=1)
