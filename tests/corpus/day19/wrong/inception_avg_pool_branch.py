"""InceptionBlock with a 3×3 average pool instead of the max pool in branch D.

TASK: InceptionBlock
MISTAKE: 池化分支用平均池化代替最大池化 | the block with an average pool instead of the max pool in the pool branch

Expected to fail: same_function and gradients.
"""
import torch
import torch.nn.functional as F

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def forward(self, x):
        a = F.relu(self.a(x))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        return torch.cat([a, b, c, F.relu(self.d(F.avg_pool2d(x, 3, stride=1, padding=1)))], dim=1)
