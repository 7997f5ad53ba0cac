"""ECA holding its k weights as one vector Parameter, applied with F.conv1d.

TASK: ECAModule
"""
import torch
from torch import nn
import torch.nn.functional as F


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.k_size = k_size
        self.taps = nn.Parameter(torch.randn(k_size) / k_size)

    def forward(self, x):
        n, c = x.shape[:2]
        y = F.adaptive_avg_pool2d(x, 1).reshape(n, 1, c)
        s = F.conv1d(y, self.taps.view(1, 1, -1), padding=self.k_size // 2).sigmoid()
        return x * s.reshape(n, c, 1, 1)
