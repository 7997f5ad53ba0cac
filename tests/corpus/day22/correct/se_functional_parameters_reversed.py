"""SEModule with its own Parameters, registered second layer first, applied with F.linear.

TASK: SEModule
"""
import torch
from torch import nn
import torch.nn.functional as F


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.up_bias = nn.Parameter(torch.zeros(channels))
        self.up = nn.Parameter(torch.randn(channels, hidden) * 0.1)
        self.down_bias = nn.Parameter(torch.zeros(hidden))
        self.down = nn.Parameter(torch.randn(hidden, channels) * 0.1)

    def forward(self, x):
        z = F.adaptive_avg_pool2d(x, 1).flatten(1)
        s = F.linear(F.relu(F.linear(z, self.down, self.down_bias)), self.up, self.up_bias).sigmoid()
        return x * s[:, :, None, None]
