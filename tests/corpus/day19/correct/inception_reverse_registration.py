"""InceptionBlock with other attribute names, registered D, C, B, A and concatenated A, B, C, D.

TASK: InceptionBlock

The forward also computes the branches in registration order D, C, B, A. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.pool_proj = nn.Conv2d(in_channels, pp, 1)
        self.five_reduce = nn.Conv2d(in_channels, r5, 1)
        self.five = nn.Conv2d(r5, n5, 5, padding=2)
        self.three_reduce = nn.Conv2d(in_channels, r3, 1)
        self.three = nn.Conv2d(r3, n3, 3, padding=1)
        self.one = nn.Conv2d(in_channels, n1, 1)

    def forward(self, x):
        d = F.relu(self.pool_proj(F.max_pool2d(x, 3, stride=1, padding=1)))
        c = F.relu(self.five(F.relu(self.five_reduce(x))))
        b = F.relu(self.three(F.relu(self.three_reduce(x))))
        a = F.relu(self.one(x))
        return torch.cat((a, b, c, d), 1)
