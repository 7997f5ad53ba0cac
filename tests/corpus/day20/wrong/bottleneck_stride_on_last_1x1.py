"""The stride sits on the last 1x1 conv.

TASK: BottleneckBlock
MISTAKE: stride 放在最後一個 1×1 卷積 | the block with the stride on the last 1×1 conv
FAILS: stride_placement
SAYS: 3×3 conv

The 3×3 conv runs at full resolution and the expansion 1×1 subsamples its result: the same output
shape, at four times the 3×3's cost, and another function.
"""


class BottleneckBlock(BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        main = self.branches[1]
        main[3].stride = (1, 1)               # the 3×3 keeps its padding and weights, not its stride
        main[6].stride = (stride, stride)     # the last 1×1 takes it
