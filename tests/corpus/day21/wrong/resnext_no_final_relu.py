"""ResNeXtBlock returns the sum without the final ReLU.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: 相加之後少了 ReLU | the block with no ReLU after the addition
"""


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; only the forward differs."""

    def forward(self, x):
        out = self.main_path(x)
        identity = x if self.shortcut is None else self.shortcut(x)
        return out + identity
