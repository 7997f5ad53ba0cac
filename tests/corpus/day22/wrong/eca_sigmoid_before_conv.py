"""ECA applying the sigmoid before the 1-D conv.

TASK: ECAModule
MISTAKE: sigmoid 放在一維卷積之前 | the module with the sigmoid before the 1-D conv
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
        s = self.conv(torch.sigmoid(y))
        return x * s.view(n, c, 1, 1)
