"""SE block whose residual branch is one nn.Sequential ending in the SE module, in-place ReLUs on its own tensors.

TASK: SEResidualBlock
"""
from torch import nn


class SEResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, reduction=16):
        super().__init__()
        self.residual = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            SEModule(out_channels, reduction=reduction))
        keeps = stride == 1 and in_channels == out_channels
        self.shortcut = nn.Sequential() if keeps else nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False), nn.BatchNorm2d(out_channels))
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.residual(x)
        out += self.shortcut(x)
        return self.relu(out)
