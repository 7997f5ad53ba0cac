"""GroupConv2d gives group j the channels j, j+g, j+2g, … instead of a contiguous slice.

TASK: GroupConv2d
BASE: correct/resnext_built_on_own_group_conv.py
MISTAKE: 第 j 組取通道 j, j+g, …（交錯切分） | the grouped conv that gives group j the channels j, j+g, j+2g, … instead of a contiguous slice
"""
import torch


class GroupConv2d(GroupConv2d):
    """The one-conv-per-group layout of correct/resnext_built_on_own_group_conv.py; only the forward differs."""

    def forward(self, x):
        parts = [x[:, j::self.groups] for j in range(self.groups)]
        return torch.cat([conv(p) for conv, p in zip(self.convs, parts)], dim=1)
