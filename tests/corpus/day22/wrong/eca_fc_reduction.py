"""ECA with an SE-style fully connected bottleneck instead of the 1-D conv.

TASK: ECAModule
MISTAKE: 用 SE 式全連接瓶頸代替一維卷積 | the module with an SE-style fully connected bottleneck instead of the 1-D conv
"""
import torch
from torch import nn
import torch.nn.functional as F


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.fc1 = nn.Linear(channels, max(1, channels // 16), bias=False)
        self.fc2 = nn.Linear(max(1, channels // 16), channels, bias=False)

    def forward(self, x):
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(x.mean(dim=(2, 3))))))
        return x * s[:, :, None, None]
