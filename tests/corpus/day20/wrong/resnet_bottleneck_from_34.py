"""Uses bottleneck blocks from 34 layers on.

TASK: ResNet
"""
_ResNet = ResNet


class ResNet(_ResNet):
    def __init__(self, depth, num_classes=1000):
        # ResNet-34's stage lengths are ResNet-50's: with bottlenecks it is ResNet-50.
        super().__init__(50 if depth == 34 else depth, num_classes)
