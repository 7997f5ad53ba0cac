"""SEModule squeezing over the batch too: one gate for the whole batch.

TASK: SEModule
MISTAKE: 連批次一起平均：整批共用一個閘 | the module that averages over the batch too (one gate for the whole batch)
"""
import torch
from torch import nn
import torch.nn.functional as F


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x):
        n, c = x.shape[:2]
        z = x.mean(dim=(0, 2, 3)).expand(n, c)                                  # squeeze
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(z))))        # excitation
        return x * s.view(n, c, 1, 1)                           # scale
