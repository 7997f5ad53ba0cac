"""SE block registering the shortcut first, with a 1×1-conv SE module of its own and functional ReLUs.

TASK: SEResidualBlock
GRADE: all
"""
import torch
from torch import nn
import torch.nn.functional as F


class ChannelGate(nn.Module):
    def __init__(self, channels, reduction):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.reduce = nn.Conv2d(channels, hidden, 1)
        self.expand = nn.Conv2d(hidden, channels, 1)

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * torch.sigmoid(self.expand(torch.relu(self.reduce(s))))


class SEResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__()
        self.projection = None
        if stride != 1 or in_channels != out_channels:
            self.projection = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                            nn.BatchNorm2d(out_channels))
        self.gate = ChannelGate(out_channels, reduction)
        self.c1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.n1 = nn.BatchNorm2d(out_channels)
        self.c2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.n2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        identity = x if self.projection is None else self.projection(x)
        y = torch.relu(self.n1(self.c1(x)))
        y = self.gate(self.n2(self.c2(y)))
        return torch.relu(y + identity)
