"""InceptionBlock whose pool branch has no 1×1 projection: branch D is the pooled input itself.

TASK: InceptionBlock
MISTAKE: 池化分支少了 1×1 投影 | the block whose pool branch has no 1×1 projection

Branch D then has in_channels channels instead of pool_proj. Expected to fail: output_shape,
parameter_count and the checks after them.
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

    def forward(self, x):
        a = F.relu(self.a(x))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.max_pool2d(x, 3, stride=1, padding=1)
        return torch.cat([a, b, c, d], dim=1)
