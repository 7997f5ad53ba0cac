"""ResNeXtBlock puts the stride on the first 1×1 conv (the 2015 Caffe layout).

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: stride 放在第一個 1×1 卷積 | the block with the stride on the first 1×1 conv
"""


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; one change in __init__."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        self.conv1.stride = (stride, stride)
        self.conv2.stride = (1, 1)
