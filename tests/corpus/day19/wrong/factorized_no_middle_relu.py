"""FactorizedConv without the ReLU between the 1×n and the n×1 conv.

TASK: FactorizedConv
MISTAKE: 1×n 與 n×1 卷積之間少了 ReLU | the factorized conv with no ReLU between the 1×n and the n×1 conv

Expected to fail: same_function and gradients.
"""
from torch import nn
import torch.nn.functional as F


class FactorizedConv(nn.Module):
    def __init__(self, in_channels, out_channels, n):
        super().__init__()
        self.row = nn.Conv2d(in_channels, out_channels, (1, n), padding=(0, n // 2))
        self.col = nn.Conv2d(out_channels, out_channels, (n, 1), padding=(n // 2, 0))

    def forward(self, x):
        return F.relu(self.col(self.row(x)))
