"""I used ReLU6 after every branch of my Inception block.

TASK: InceptionBlock

ReLU6 equals ReLU until an activation passes 6, which drawn inputs and fan-in-scaled weights rarely
reach: same_function's run on an input scaled up must see the clip.
"""
import torch
import torch.nn.functional as F


class InceptionBlock(InceptionBlock):
    def forward(self, x):
        a = F.relu6(self.a(x))
        b = F.relu6(self.b(F.relu6(self.b_reduce(x))))
        c = F.relu6(self.c(F.relu6(self.c_reduce(x))))
        d = F.relu6(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
