"""InceptionBlock that fuses the three 1×1 convs reading the input (A, B reduce, C reduce) into one conv.

TASK: InceptionBlock

One conv in_channels → n1 + r3 + r5, split with torch.split: the same function and the same number of
parameters, held in a fused tensor that is not one-to-one with the reference's. The course accepts
it; the grader maps the fused tensor's slices onto the reference's three convs. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.split = (n1, r3, r5)
        self.fused = nn.Conv2d(in_channels, n1 + r3 + r5, 1)
        self.b = nn.Conv2d(r3, n3, 3, padding=1)
        self.c = nn.Conv2d(r5, n5, 5, padding=2)
        self.d = nn.Conv2d(in_channels, pp, 1)

    def forward(self, x):
        a, b, c = torch.split(F.relu(self.fused(x)), self.split, dim=1)
        b = F.relu(self.b(b))
        c = F.relu(self.c(c))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
