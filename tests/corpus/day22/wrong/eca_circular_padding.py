"""ECA padding the channel sequence circularly: the first and last channels see each other.

TASK: ECAModule
MISTAKE: 通道序列做循環補值 | the module that pads the channel sequence circularly
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, padding_mode='circular', bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
