"""ECA ignoring k_size: always a 3-tap conv.

TASK: ECAModule
MISTAKE: 忽略 k_size，一律用 3 個係數的卷積 | the module that ignores k_size (always a 3-tap conv)
"""
import torch
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, 3, padding=1, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
