"""ResNeXtBlock's projection shortcut is a 1×1 conv without BN.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 投影捷徑少了 BN | the block whose projection shortcut has no BN
"""


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; one change in __init__."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        if self.shortcut is not None:
            del self.shortcut[1]        # the projection's BN
