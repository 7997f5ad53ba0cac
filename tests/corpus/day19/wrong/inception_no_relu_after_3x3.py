"""InceptionBlock without the ReLU after the 3×3 conv of branch B.

TASK: InceptionBlock
MISTAKE: 3×3 卷積後少了 ReLU | the block with no ReLU after the 3×3 conv

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
        b = self.b(F.relu(self.b_reduce(x)))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
