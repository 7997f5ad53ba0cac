"""InceptionBlock that concatenates the branches in the order D, A, B, C.

TASK: InceptionBlock
MISTAKE: 以 D、A、B、C 的順序串接分支 | the block that concatenates its branches in the order D, A, B, C

Expected to fail: same_function and gradients (the channels come out in the wrong places).
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.a = nn.Conv2d(in_channels, n1, 1)
        self.b_reduce = nn.Conv2d(in_channels, r3, 1)
        self.b = nn.Conv2d(r3, n3, 3, padding=1)
        self.c_reduce = nn.Conv2d(in_channels, r5, 1)
        self.c = nn.Conv2d(r5, n5, 5, padding=2)
        self.d = nn.Conv2d(in_channels, pp, 1)

    def forward(self, x):
        a = F.relu(self.a(x))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([d, a, b, c], dim=1)
