"""ECA scaling its input in place.

TASK: ECAModule
"""
import torch

_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def forward(self, x):
        n, c = x.shape[:2]
        x *= torch.sigmoid(self.conv(x.mean(dim=(2, 3)).view(n, 1, c))).view(n, c, 1, 1)
        return x
