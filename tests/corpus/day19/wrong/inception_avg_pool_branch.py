"""InceptionBlock with a 3×3 average pool instead of the max pool in branch D.

TASK: InceptionBlock
MISTAKE: 池化分支用平均池化代替最大池化 | the block with an average pool instead of the max pool in the pool branch

Expected to fail: same_function and gradients.
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
        d = F.relu(self.d(F.avg_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
