"""InceptionBlock with the three input 1×1 convs fused into one conv, and no ReLU after the 3×3 conv.

TASK: InceptionBlock
BASE: correct/inception_fused_1x1.py
MISTAKE: 3×3 卷積後少了 ReLU | the block with no ReLU after the 3×3 conv

The fused layout (correct/inception_fused_1x1.py) maps slice by slice onto the reference's convs, so
same_function and gradients see the missing ReLU: branch B outputs negative values the definition's
ReLU removes. Expected to fail: same_function and gradients.
"""
import torch
import torch.nn.functional as F


class InceptionBlock(InceptionBlock):
    """The fused layout of correct/inception_fused_1x1.py; only the forward differs."""

    def forward(self, x):
        a, b, c = torch.split(F.relu(self.fused(x)), self.split, dim=1)
        b = self.b(b)  # no ReLU
        c = F.relu(self.c(c))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)
