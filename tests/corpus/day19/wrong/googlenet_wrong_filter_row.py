"""GoogLeNet with a typo in row 4d of Table 1: #5×5 reduce 24 instead of 32.

TASK: GoogLeNet

Every block keeps its output shape. Expected to fail: parameter_count, macs and same_function.
"""
_GoogLeNet = GoogLeNet


class GoogLeNet(_GoogLeNet):
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        self.stage4[3] = InceptionBlock(512, [112, 144, 288, 24, 64, 64])
