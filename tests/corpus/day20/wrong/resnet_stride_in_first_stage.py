"""Every stage starts with a stride-2 block, the first one included.

TASK: ResNet
"""
_ResNet = ResNet


class ResNet(_ResNet):
    def __init__(self, depth, num_classes=1000):
        super().__init__(depth, num_classes)
        self.in_channels = 64
        self.layer1 = self._make_layer(64, len(self.layer1), 2)
