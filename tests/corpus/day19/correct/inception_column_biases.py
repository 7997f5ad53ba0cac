"""InceptionBlock keeping its kernels in ParameterList/ParameterDict, with biases stored as (n, 1) columns and (1, n, 1, 1).

TASK: InceptionBlock
"""
import torch
from torch import nn
import torch.nn.functional as F


# --- the variation ------------------------------------------------------------
import math

import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        shapes = [(n1, in_channels, 1), (r3, in_channels, 1), (n3, r3, 3), (r5, in_channels, 1), (n5, r5, 5),
                  (pp, in_channels, 1)]
        self.kernels = nn.ParameterList(
            [nn.Parameter(torch.randn(o, i, k, k) / math.sqrt(i * k * k)) for o, i, k in shapes])
        self.biases = nn.ParameterDict({
            "a": nn.Parameter(torch.zeros(n1, 1)), "b1": nn.Parameter(torch.zeros(1, r3, 1, 1)),
            "b2": nn.Parameter(torch.zeros(n3, 1)), "c1": nn.Parameter(torch.zeros(1, r5, 1, 1)),
            "c2": nn.Parameter(torch.zeros(n5, 1)), "d": nn.Parameter(torch.zeros(1, pp, 1, 1))})

    def _conv(self, x, index, key):
        weight = self.kernels[index]
        bias = self.biases[key].reshape(1, -1, 1, 1)
        return F.conv2d(x, weight, padding=weight.shape[-1] // 2) + bias

    def forward(self, x):
        a = F.relu(self._conv(x, 0, "a"))
        b = F.relu(self._conv(F.relu(self._conv(x, 1, "b1")), 2, "b2"))
        c = F.relu(self._conv(F.relu(self._conv(x, 3, "c1")), 4, "c2"))
        d = F.relu(self._conv(F.max_pool2d(x, 3, 1, 1), 5, "d"))
        return torch.cat([a, b, c, d], 1)
