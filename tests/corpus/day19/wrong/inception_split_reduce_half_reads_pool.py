"""InceptionBlock with the 3×3 branch's 1×1 reduce split in two convs, but the second half reads the max-pooled input.

TASK: InceptionBlock

The split layout maps onto the reference's one reduce conv (their weights concatenated along dim 0),
so the comparison is carried out and shows the second half's maps computed from the pool branch's
input instead of the block's input.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.a = nn.Conv2d(in_channels, n1, 1)
        halves = [r3 - r3 // 2, r3 // 2] if r3 > 1 else [r3]
        self.b_reduce = nn.ModuleList(nn.Conv2d(in_channels, h, 1) for h in halves)
        self.b = nn.Conv2d(r3, n3, 3, padding=1)
        self.c_reduce = nn.Conv2d(in_channels, r5, 1)
        self.c = nn.Conv2d(r5, n5, 5, padding=2)
        self.d = nn.Conv2d(in_channels, pp, 1)

    def forward(self, x):
        pooled = F.max_pool2d(x, 3, stride=1, padding=1)
        a = F.relu(self.a(x))
        reduced = torch.cat([conv(x if index == 0 else pooled) for index, conv in enumerate(self.b_reduce)], dim=1)
        b = F.relu(self.b(F.relu(reduced)))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.relu(self.d(pooled))
        return torch.cat([a, b, c, d], dim=1)
