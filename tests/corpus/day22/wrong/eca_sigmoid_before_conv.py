"""ECA applying the sigmoid before the 1-D conv.

TASK: ECAModule
"""
import torch

_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def forward(self, x):
        squeezed = x.mean(dim=(2, 3)).unsqueeze(1)   # (n, 1, c)
        return x * self.conv(torch.sigmoid(squeezed)).transpose(1, 2).unsqueeze(-1)
