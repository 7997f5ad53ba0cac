"""ECA adding the gate to the input instead of multiplying.

TASK: ECAModule
MISTAKE: 把閘值加到輸入上而非相乘 | the module that adds the gate to the input instead of multiplying
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x + s.view(n, c, 1, 1)
