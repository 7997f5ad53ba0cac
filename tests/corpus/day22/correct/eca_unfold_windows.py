"""ECA with the channel convolution written as unfold-and-multiply: windows of the pooled vector
times the kernel, summed.

TASK: ECAModule

The products are elementwise, which torch.utils.flop_counter does not count: the macs check must
not fail a layer whose function is verified for counting fewer than the reference.
"""
import torch
from torch import nn
import torch.nn.functional as F


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.k = k_size
        self.weight = nn.Parameter(torch.empty(1, 1, k_size).uniform_(-1, 1))

    def forward(self, x):
        y = x.mean(dim=(2, 3))                               # (n, c)
        y = F.pad(y, (self.k // 2, self.k // 2))             # zero padding on the channel axis
        windows = y.unfold(1, self.k, 1)                     # (n, c, k) neighbourhoods
        s = (windows * self.weight.view(1, 1, -1)).sum(-1)
        return x * torch.sigmoid(s)[:, :, None, None]
