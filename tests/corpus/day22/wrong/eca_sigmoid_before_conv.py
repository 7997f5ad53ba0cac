"""ECA applying the sigmoid before the 1-D conv.

TASK: ECAModule
MISTAKE: sigmoid 放在一維卷積之前 | the module with the sigmoid before the 1-D conv
"""
import torch

_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def forward(self, x):
        squeezed = x.mean(dim=(2, 3)).unsqueeze(1)   # (n, 1, c)
        return x * self.conv(torch.sigmoid(squeezed)).transpose(1, 2).unsqueeze(-1)
