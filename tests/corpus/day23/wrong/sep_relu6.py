"""I used ReLU6, as in MobileNetV2, for the MobileNet v1 unit's ReLUs.

TASK: DepthwiseSeparableConv

ReLU6 equals ReLU until an activation passes 6, which drawn inputs and fan-in-scaled weights rarely
reach: same_function's run on an input scaled up must see the clip.
"""
from torch import nn


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.relu = nn.ReLU6()
