"""SEModule with (in, out) weight matrices applied as z @ W and biases stored as (1, n) rows.

TASK: SEModule
"""
import torch
from torch import nn
import torch.nn.functional as F


# --- the variation ------------------------------------------------------------
import torch
from torch import nn


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.squeeze_to_hidden = nn.Parameter(torch.randn(channels, hidden) / channels ** 0.5)
        self.hidden_bias = nn.Parameter(torch.zeros(1, hidden))
        self.hidden_to_gate = nn.Parameter(torch.randn(hidden, channels) / hidden ** 0.5)
        self.gate_bias = nn.Parameter(torch.zeros(1, channels))

    def forward(self, x):
        z = x.mean(dim=(-2, -1))
        hidden = torch.clamp(z @ self.squeeze_to_hidden + self.hidden_bias, min=0)
        gate = torch.sigmoid(hidden @ self.hidden_to_gate + self.gate_bias)
        return x * gate[:, :, None, None]
