"""FactorizedConv with the n×1 conv first and the 1×n second: a different function, other weight shapes.

TASK: FactorizedConv
MISTAKE: 先做 n×1 再做 1×n 卷積 | the factorized conv with the n×1 conv first and the 1×n second

Same parameter count, shapes and n×n receptive field, but for n > 1 the first conv's weight is
(out, in, n, 1) where the definition has (out, in, 1, n): no weights make the two agree in general.
Expected to fail: same_function and gradients.
"""
from torch import nn
import torch.nn.functional as F


class FactorizedConv(nn.Module):
    def __init__(self, in_channels, out_channels, n):
        super().__init__()
        self.col = nn.Conv2d(in_channels, out_channels, (n, 1), padding=(n // 2, 0))
        self.row = nn.Conv2d(out_channels, out_channels, (1, n), padding=(0, n // 2))

    def forward(self, x):
        return F.relu(self.row(F.relu(self.col(x))))
