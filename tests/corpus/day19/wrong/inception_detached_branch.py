"""InceptionBlock that feeds branch C a detached copy of the input, cutting its gradient path.

TASK: InceptionBlock

Expected to fail: gradients (the input's gradient misses branch C's contribution).
"""
import torch
import torch.nn.functional as F

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def forward(self, x):
        a, b = F.relu(self.a(x)), F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.relu(self.c(F.relu(self.c_reduce(x.detach()))))   # no gradient back through branch C
        return torch.cat([a, b, c, F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))], dim=1)
