"""The stem conv keeps its bias.

TASK: ResNet
"""
from torch import nn

_ResNet = ResNet


class ResNet(_ResNet):
    def __init__(self, depth, num_classes=1000):
        super().__init__(depth, num_classes)
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)
