"""SEModule returning x + x·s, a residual recalibration instead of x·s.

TASK: SEModule
MISTAKE: 回傳 x + x·s 而非 x·s | the module that returns x + x·s instead of x·s
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
        z = x.mean(dim=(2, 3))                                  # squeeze
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(z))))        # excitation
        return x + x * s.view(n, c, 1, 1)                           # scale
