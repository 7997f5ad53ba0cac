"""ResNeXtBlock adds the branch into its input in place (x += out).

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
"""
import torch.nn.functional as F


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; only the forward differs."""

    def forward(self, x):
        out = self.main_path(x)
        identity = x if self.shortcut is None else self.shortcut(x)
        identity += out
        return F.relu(identity)
