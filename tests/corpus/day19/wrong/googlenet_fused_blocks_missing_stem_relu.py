"""GoogLeNet from fused-1×1 InceptionBlocks (a correct block) without the ReLU after the stem's 1×1 conv.

TASK: GoogLeNet

Shapes, counts and MACs are right; the fused blocks map slice by slice onto the reference's convs, and
same_function sees the missing ReLU (the figures are then not credited either).
Expected to fail: same_function.
"""
import torch
from torch import nn
import torch.nn.functional as F

_GoogLeNet = GoogLeNet


class InceptionBlock(nn.Module):
    """The three 1×1 convs that read the input (A, B reduce, C reduce) fused into one."""

    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.widths = [n1, r3, r5]
        self.fused = nn.Conv2d(in_channels, sum(self.widths), 1)
        self.b, self.c = nn.Conv2d(r3, n3, 3, padding=1), nn.Conv2d(r5, n5, 5, padding=2)
        self.d = nn.Conv2d(in_channels, pp, 1)

    def forward(self, x):
        a, b, c = F.relu(self.fused(x)).split(self.widths, 1)
        pooled = F.max_pool2d(x, 3, stride=1, padding=1)
        return torch.cat([a, F.relu(self.b(b)), F.relu(self.c(c)), F.relu(self.d(pooled))], 1)


class GoogLeNet(_GoogLeNet):   # built from the fused blocks above: the name is looked up when it runs
    def __init__(self, num_classes=1000):
        super().__init__(num_classes)
        self.stem[4] = nn.Identity()
