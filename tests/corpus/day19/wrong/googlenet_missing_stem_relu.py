"""GoogLeNet without the ReLU after the stem's 1×1 conv.

TASK: GoogLeNet

Shapes, counts and MACs are all right. Expected to fail: same_function only.
"""
from torch import nn

_GoogLeNet = GoogLeNet


class GoogLeNet(_GoogLeNet):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        self.stem[4] = nn.Identity()   # conv 7×7, ReLU, pool, conv 1×1, (ReLU), conv 3×3, ReLU, pool
