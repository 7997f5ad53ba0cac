"""SEModule with (in, out) weight matrices applied as z @ W and biases stored as (1, n) rows.

TASK: SEModule
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


class SEResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.se = SEModule(out_channels, reduction)
        self.shortcut = nn.Identity()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.se(self.bn2(self.conv2(out)))
        return F.relu(out + self.shortcut(x))


class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=False)

    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(2, 3)).view(n, 1, c)
        s = torch.sigmoid(self.conv(y))
        return x * s.view(n, c, 1, 1)


# --- the variation ------------------------------------------------------------
import torch
from torch import nn


class SEModule(nn.Module):
    def __init__(self, channels, reduction=16):
        super().__init__()
        hidden = max(1, channels // reduction)
        self.squeeze_to_hidden = nn.Parameter(torch.randn(channels, hidden) / channels ** 0.5)
        self.hidden_bias = nn.Parameter(torch.zeros(1, hidden))
        self.hidden_to_gate = nn.Parameter(torch.randn(hidden, channels) / hidden ** 0.5)
        self.gate_bias = nn.Parameter(torch.zeros(1, channels))

    def forward(self, x):
        z = x.mean(dim=(-2, -1))
        hidden = torch.clamp(z @ self.squeeze_to_hidden + self.hidden_bias, min=0)
        gate = torch.sigmoid(hidden @ self.hidden_to_gate + self.gate_bias)
        return x * gate[:, :, None, None]
