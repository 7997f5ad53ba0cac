"""SEModule storing its weights transposed (in, out) and multiplying with @: no one-to-one mapping, graded mapping-free.

TASK: SEModule
"""
import torch
from torch import nn


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.w1 = nn.Parameter(torch.randn(channels, hidden) * 0.1)
        self.b1 = nn.Parameter(torch.zeros(hidden))
        self.w2 = nn.Parameter(torch.randn(hidden, channels) * 0.1)
        self.b2 = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        z = x.sum(dim=(2, 3)) / (x.shape[2] * x.shape[3])
        s = torch.sigmoid(torch.relu(z @ self.w1 + self.b1) @ self.w2 + self.b2)
        return s.unsqueeze(-1).unsqueeze(-1) * x
