"""ECA squeezing with a global max pool.

TASK: ECAModule
MISTAKE: 以全域最大池化代替平均做壓縮 | the module that squeezes with a global max pool instead of the mean
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.amax(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
