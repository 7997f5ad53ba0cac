"""SE with its weights in an nn.ParameterDict and the excitation written as einsums.

TASK: SEModule

Where a contraction has size 1 the einsum is an elementwise multiply, which
torch.utils.flop_counter does not count: the macs check (here and in SEResidualBlock, which uses
this module) must not fail it for counting fewer than the reference. The test grades this file on
every task.

GRADE: all
"""
import torch
from torch import nn
import torch.nn.functional as F


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.excite = nn.ParameterDict({
            "squeeze_weight": nn.Parameter(torch.randn(hidden, channels) / channels ** 0.5),
            "squeeze_bias": nn.Parameter(torch.zeros(hidden)),
            "expand_weight": nn.Parameter(torch.randn(channels, hidden) / hidden ** 0.5),
            "expand_bias": nn.Parameter(torch.zeros(channels))})

    def forward(self, x):
        p = self.excite
        z = x.mean(dim=(2, 3))
        h = F.relu(torch.einsum("nc,hc->nh", z, p["squeeze_weight"]) + p["squeeze_bias"])
        s = torch.sigmoid(torch.einsum("nh,ch->nc", h, p["expand_weight"]) + p["expand_bias"])
        return x * s[:, :, None, None]
