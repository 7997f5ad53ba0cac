"""SEModule squeezing with a global max pool instead of the mean.

TASK: SEModule
MISTAKE: 以全域最大池化代替平均做壓縮 | the module that squeezes with a global max pool instead of the mean
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
        z = x.amax(dim=(2, 3))                                  # squeeze
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(z))))        # excitation
        return x * s.view(n, c, 1, 1)                           # scale
