"""The stride sits on the last 1x1 conv.

TASK: BottleneckBlock
MISTAKE: stride 放在最後一個 1×1 卷積 | the block with the stride on the last 1×1 conv
FAILS: stride_placement
SAYS: 3×3 conv
"""
import torch.nn as nn

_BottleneckBlock = BottleneckBlock


class BottleneckBlock(_BottleneckBlock):
    def __init__(self, in_channels, width, stride=1):
        super().__init__(in_channels, width, stride)
        main = self.branches[1]
        main[3] = nn.Conv2d(width, width, 3, padding=1, bias=False)
        main[6] = nn.Conv2d(width, 4 * width, 1, stride=stride, bias=False)
