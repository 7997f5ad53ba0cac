"""ResNeXtBlock keeps the default conv biases.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 卷積保留了預設的偏差項 | the block whose convs keep their default bias
"""
from torch import nn


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py, every conv rebuilt with its default bias."""

    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__(in_channels, out_channels, cardinality, group_width, stride)
        for name in ("conv1", "conv2", "conv3"):
            old = getattr(self, name)
            setattr(self, name, nn.Conv2d(old.in_channels, old.out_channels, old.kernel_size, old.stride,
                                          old.padding, groups=old.groups))
        if self.shortcut is not None:
            self.shortcut[0] = nn.Conv2d(in_channels, out_channels, 1, stride=stride)
