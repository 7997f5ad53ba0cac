"""SEModule with a BatchNorm1d in the excitation: mixes the batch in train mode.

TASK: SEModule
MISTAKE: 激發部分多了 BatchNorm1d | the module with a BatchNorm1d in the excitation
"""
import torch
from torch import nn
import torch.nn.functional as F


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.fc1 = nn.Linear(channels, hidden)
        self.norm = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x):
        n, c = x.shape[:2]
        z = x.mean(dim=(2, 3))                                  # squeeze
        s = torch.sigmoid(self.fc2(F.relu(self.norm(self.fc1(z)))))        # excitation
        return x * s.view(n, c, 1, 1)                           # scale
