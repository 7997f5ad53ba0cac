"""FactorizedConv with raw nn.Parameter weights registered n×1 first, applied with F.conv2d and torch.relu.

TASK: FactorizedConv

Registration order differs from use order (1×n first). Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class FactorizedConv(nn.Module):
    def __init__(self, in_channels, out_channels, n):
        super().__init__()
        self.n = n
        self.w_col = nn.Parameter(torch.randn(out_channels, out_channels, n, 1) / (out_channels * n) ** 0.5)
        self.b_col = nn.Parameter(torch.zeros(out_channels))
        self.w_row = nn.Parameter(torch.randn(out_channels, in_channels, 1, n) / (in_channels * n) ** 0.5)
        self.b_row = nn.Parameter(torch.zeros(out_channels))

    def forward(self, x):
        y = torch.relu(F.conv2d(x, self.w_row, self.b_row, padding=(0, self.n // 2)))
        return torch.relu(F.conv2d(y, self.w_col, self.b_col, padding=(self.n // 2, 0)))
