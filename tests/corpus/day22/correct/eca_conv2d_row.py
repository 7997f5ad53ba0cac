"""ECA as a 1×k nn.Conv2d sliding along the channels laid out as one row.

TASK: ECAModule
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.channel_conv = nn.Conv2d(1, 1, (1, k_size), padding=(0, k_size // 2), bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        row = x.mean(dim=(2, 3)).view(n, 1, 1, c)
        s = torch.sigmoid(self.channel_conv(row)).view(n, c, 1, 1)
        return s * x
