"""ResNet-101 with 22 blocks in its third stage instead of 23.

TASK: ResNet
"""
_ResNet = ResNet


class ResNet(_ResNet):
    def __init__(self, depth, num_classes=1000):
        super().__init__(depth, num_classes)
        if depth == 101:
            self.in_channels = 128 * self.expansion
            self.layer3 = self._make_layer(256, 22, 2)
