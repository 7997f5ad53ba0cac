"""ECA using the conv output as the gate, without the sigmoid.

TASK: ECAModule
MISTAKE: 閘值少了 sigmoid | the module without the sigmoid on the gate
"""
from torch import nn


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = self.conv(y)
        return x * s.view(n, c, 1, 1)
