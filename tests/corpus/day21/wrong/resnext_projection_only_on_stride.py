"""ResNeXtBlock projects only when the stride is not 1, not on a channel change.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 只在 stride 不為 1 時才投影 | the block that projects only when the stride is not 1, not on a change of channels
"""


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; one change in __init__."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        if stride == 1:
            self.shortcut = None
