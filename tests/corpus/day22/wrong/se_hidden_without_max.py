"""SEModule with hidden = channels // reduction: no unit at all when C < r.

TASK: SEModule
MISTAKE: 瓶頸寬度 C // r 沒有取 max(1, ·) | the module with C // r hidden units and no max(1, ·)
"""
import torch
from torch import nn
import torch.nn.functional as F


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = channels // reduction
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x):
        n, c = x.shape[:2]
        z = x.mean(dim=(2, 3))                                  # squeeze
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(z))))        # excitation
        return x * s.view(n, c, 1, 1)                           # scale
