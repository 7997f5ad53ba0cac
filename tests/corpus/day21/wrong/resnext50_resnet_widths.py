"""ResNeXt50 with ResNet-50's widths (64·2^s) split into 32 groups.

TASK: ResNeXt50
"""
_ResNeXt50 = ResNeXt50


class ResNeXt50(_ResNeXt50):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        for index, block in enumerate(self.blocks):
            width = block.expand[0].out_channels // 4   # ResNet-50's bottleneck width, not ResNeXt's double
            self.blocks[index] = ResNeXtBlock(block.reduce[0].in_channels, 4 * width, 32, width // 32,
                                              block.transform[0].stride[0])
