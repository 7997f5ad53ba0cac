"""ResNeXtBlock applies ReLU after the last BN, before the addition, and not after it.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: ReLU 放在相加之前而非之後 | the block with the ReLU before the addition instead of after it
"""
import torch.nn.functional as F


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; only the forward differs."""

    def forward(self, x):
        out = F.relu(self.main_path(x))
        identity = x if self.shortcut is None else self.shortcut(x)
        return out + identity
