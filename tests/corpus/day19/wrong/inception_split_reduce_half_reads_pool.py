"""InceptionBlock with the 3×3 branch's 1×1 reduce split in two convs, but the second half reads the max-pooled input.

TASK: InceptionBlock
BASE: correct/inception_split_reduce_conv.py

The split layout maps onto the reference's one reduce conv (their weights concatenated along dim 0),
so the comparison is carried out and shows the second half's maps computed from the pool branch's
input instead of the block's input.
"""
import torch
import torch.nn.functional as F


class InceptionBlock(InceptionBlock):
    """The split layout of correct/inception_split_reduce_conv.py; only the forward differs."""

    def forward(self, x):
        pooled = F.max_pool2d(x, 3, stride=1, padding=1)
        a = F.relu(self.a(x))
        reduced = torch.cat([conv(x if index == 0 else pooled) for index, conv in enumerate(self.b_reduce)], dim=1)
        b = F.relu(self.b(F.relu(reduced)))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.relu(self.d(pooled))
        return torch.cat([a, b, c, d], dim=1)
