"""SE block registering the shortcut first, with a 1×1-conv SE module of its own and functional ReLUs.

TASK: SEResidualBlock
GRADE: all
"""
import torch
from torch import nn
import torch.nn.functional as F


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)

    def forward(self, x):
        n, c = x.shape[:2]
        z = x.mean(dim=(2, 3))                                  # squeeze
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(z))))        # excitation
        return x * s.view(n, c, 1, 1)                           # scale


def se_params(channels, reduction=16):
    hidden = max(1, channels // reduction)
    return 2 * channels * hidden + hidden + channels


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


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)
