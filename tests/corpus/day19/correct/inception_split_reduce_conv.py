"""InceptionBlock whose 3×3 branch's 1×1 reduce is two smaller 1×1 convs (half the maps each) concatenated.

TASK: InceptionBlock

The reference's one reduce conv holds the two halves' weights and biases concatenated along dim 0
(a split layer, the reverse of a fused one). With a single reduce map there is nothing to split.
Expected: full marks.
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
        a = F.relu(self.a(x))
        reduced = torch.cat([conv(x) for conv in self.b_reduce], dim=1)
        b = F.relu(self.b(F.relu(reduced)))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
