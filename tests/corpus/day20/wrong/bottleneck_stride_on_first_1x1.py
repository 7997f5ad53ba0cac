"""The stride sits on the first 1x1 conv (the 2015 paper's Caffe layout), not on the 3x3.

TASK: BottleneckBlock
MISTAKE: stride 放在第一個 1×1 卷積 | the block with the stride on the first 1×1 conv
FAILS: stride_placement
SAYS: 3×3 conv

The first 1×1 conv takes the stride and the 3×3 conv loses it: the output shape is the same, the
function is not (the 1×1 samples every other pixel before the 3×3 sees them).
"""
from torch import nn


class BottleneckBlock(BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        main = self.branches[1]
        main[0] = nn.Conv2d(in_channels, width, 1, stride=stride, bias=False)
        main[3] = nn.Conv2d(width, width, 3, padding=1, bias=False)
