"""SEModule without the ReLU between the two FC layers.

TASK: SEModule
MISTAKE: 兩個全連接層之間少了 ReLU | the module with no ReLU between the two FC layers
"""
import torch
from torch import nn


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x):
        n, c = x.shape[:2]
        z = x.mean(dim=(2, 3))                                  # squeeze
        s = torch.sigmoid(self.fc2(self.fc1(z)))        # excitation
        return x * s.view(n, c, 1, 1)                           # scale
