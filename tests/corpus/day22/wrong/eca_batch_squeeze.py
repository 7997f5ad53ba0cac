"""ECA averaging over the batch as well: one gate for every sample.

TASK: ECAModule
MISTAKE: 連批次一起平均：整批共用一個閘 | the module that averages over the batch too (one gate for the whole batch)
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(0, 2, 3)).view(1, 1, c).expand(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
