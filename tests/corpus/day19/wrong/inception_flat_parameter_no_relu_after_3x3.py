"""InceptionBlock that keeps every weight in one flat nn.Parameter and forgets the ReLU after the 3×3 conv.

TASK: InceptionBlock
MISTAKE: 3×3 卷積後少了 ReLU | the block with no ReLU after the 3×3 conv

The flat tensor cannot be matched with the reference's tensors, so the same-function comparison cannot
be carried out: the task must lose those points (and everything premised on them) and be flagged for
review, never be credited.
"""
import torch
from torch import nn
import torch.nn.functional as F


# --- the variation ------------------------------------------------------------
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.layout = [(n1, in_channels, 1), (r3, in_channels, 1), (n3, r3, 3), (r5, in_channels, 1),
                       (n5, r5, 5), (pp, in_channels, 1)]
        total = sum(o * i * k * k + o for o, i, k in self.layout)
        self.flat = nn.Parameter(torch.randn(total) * 0.05)

    def _layers(self):
        start = 0
        for o, i, k in self.layout:
            weight = self.flat[start:start + o * i * k * k].view(o, i, k, k)
            start += o * i * k * k
            yield weight, self.flat[start:start + o]
            start += o

    def forward(self, x):
        (wa, ba), (wb1, bb1), (wb2, bb2), (wc1, bc1), (wc2, bc2), (wd, bd) = self._layers()
        a = F.relu(F.conv2d(x, wa, ba))
        b = F.conv2d(F.relu(F.conv2d(x, wb1, bb1)), wb2, bb2, padding=1)
        c = F.relu(F.conv2d(F.relu(F.conv2d(x, wc1, bc1)), wc2, bc2, padding=2))
        d = F.relu(F.conv2d(F.max_pool2d(x, 3, 1, 1), wd, bd))
        return torch.cat([a, b, c, d], dim=1)
