"""InceptionBlock with the three input 1×1 convs fused into one conv, and no ReLU after the 3×3 conv.

TASK: InceptionBlock
MISTAKE: 3×3 卷積後少了 ReLU | the block with no ReLU after the 3×3 conv

The fused layout (correct/inception_fused_1x1.py) maps slice by slice onto the reference's convs, so
same_function and gradients see the missing ReLU: branch B outputs negative values the definition's
ReLU removes. Expected to fail: same_function and gradients.
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
        b = self.b(b)  # no ReLU
        c = F.relu(self.c(c))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
