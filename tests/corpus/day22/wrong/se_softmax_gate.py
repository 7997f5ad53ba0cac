"""SEModule normalising the gate with a softmax over the channels.

TASK: SEModule
MISTAKE: 以通道上的 softmax 產生閘值 | the module that gates with a softmax over the channels
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
        s = torch.softmax(self.fc2(F.relu(self.fc1(z))), dim=1)        # excitation
        return x * s.view(n, c, 1, 1)                           # scale
