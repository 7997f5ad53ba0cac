"""FactorizedConv padding n//2 on both axes of both convs, so the output grows by 2·(n//2) per axis.

TASK: FactorizedConv
MISTAKE: 兩個卷積都在兩個方向補 n//2 | the factorized conv that pads n//2 on both axes of both convs

Expected to fail: output_shape (and the checks that compare outputs).
"""
from torch import nn
import torch.nn.functional as F


class FactorizedConv(nn.Module):
    def __init__(self, in_channels, out_channels, n):
        super().__init__()
        self.row = nn.Conv2d(in_channels, out_channels, (1, n), padding=n // 2)
        self.col = nn.Conv2d(out_channels, out_channels, (n, 1), padding=n // 2)

    def forward(self, x):
        return F.relu(self.col(F.relu(self.row(x))))
