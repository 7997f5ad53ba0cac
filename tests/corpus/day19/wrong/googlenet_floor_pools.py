"""GoogLeNet with floor-mode 3×3/2 max pools: 55/27/13/6 feature maps instead of 56/28/14/7.

TASK: GoogLeNet

Expected to fail: block_shapes, macs and same_function.
"""
from torch import nn

_GoogLeNet = GoogLeNet


class GoogLeNet(_GoogLeNet):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        for module in self.modules():
            if isinstance(module, nn.MaxPool2d):
                module.ceil_mode = False
