"""ECA without padding: k_size - 1 gates too few.

TASK: ECAModule
MISTAKE: 一維卷積沒有補值 | the module whose 1-D conv has no padding
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
