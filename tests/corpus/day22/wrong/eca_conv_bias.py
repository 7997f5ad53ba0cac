"""ECA whose 1-D conv has a bias.

TASK: ECAModule
MISTAKE: 一維卷積多了偏差項 | the module whose 1-D conv has a bias
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=True)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
