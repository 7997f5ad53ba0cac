"""GroupConv2d concatenates the group outputs in reverse order.

TASK: GroupConv2d
BASE: correct/resnext_built_on_own_group_conv.py
MISTAKE: 以相反順序串接各組輸出 | the grouped conv that concatenates the group outputs in reverse order
"""
import torch


class GroupConv2d(GroupConv2d):
    """The one-conv-per-group layout of correct/resnext_built_on_own_group_conv.py; only the forward differs."""

    def forward(self, x):
        parts = torch.chunk(x, self.groups, dim=1)
        return torch.cat([conv(p) for conv, p in zip(self.convs, parts)][::-1], dim=1)
