"""InceptionBlock that forgets the ReLU after the 5×5 conv, with the 5×5 bias kept as an (n, 1) column.

TASK: InceptionBlock
MISTAKE: 5×5 卷積後少了 ReLU | the block with no ReLU after the 5×5 conv
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(InceptionBlock):
    """The correct example's block whose 5×5 conv is a bare weight and a column bias (and no ReLU)."""

    def __init__(self, in_channels, filter_list):
        super().__init__(in_channels, filter_list)
        n1, r3, n3, r5, n5, pp = filter_list
        del self.c
        self.c_weight = nn.Parameter(torch.randn(n5, r5, 5, 5) * 0.05)
        self.c_bias = nn.Parameter(torch.zeros(n5, 1))

    def forward(self, x):
        a = F.relu(self.a(x))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.conv2d(F.relu(self.c_reduce(x)), self.c_weight, padding=2) + self.c_bias[None, :, :, None]
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
