"""The shortcut carries x.detach(): no gradient flows back along the identity path.

TASK: ResidualBlock
"""
import torch
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def forward(self, x):
        skip = x.detach()
        return torch.relu(nn.Sequential(*list(self)[:5])(x) + (skip if self.downsample is None else self.downsample(skip)))
