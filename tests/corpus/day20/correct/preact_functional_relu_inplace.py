"""F.relu(..., inplace=True) on its own intermediates, an nn.ModuleList holding the two stages.

TASK: PreActBlock
"""
from torch import nn
import torch.nn.functional as F


class PreActBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.norms = nn.ModuleList([nn.BatchNorm2d(in_channels), nn.BatchNorm2d(out_channels)])
        self.convs = nn.ModuleList([nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False),
                                    nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)])
        self.proj = (nn.Conv2d(in_channels, out_channels, 1, stride, bias=False)
                     if stride != 1 or in_channels != out_channels else None)

    def forward(self, x):
        pre = F.relu(self.norms[0](x), inplace=True)
        mid = F.relu(self.norms[1](self.convs[0](pre)), inplace=True)
        return self.convs[1](mid) + (x if self.proj is None else self.proj(pre))
