"""ResNeXt50 strides the first block of every stage, the first stage's too.

TASK: ResNeXt50
"""
_ResNeXt50 = ResNeXt50


class ResNeXt50(_ResNeXt50):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        self.blocks[0] = ResNeXtBlock(64, 256, 32, 4, stride=2)
