"""Adds the branch into the input tensor in place (x += out), modifying the caller's tensor.

TASK: ResidualBlock
"""
import torch
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def forward(self, x):
        shortcut = x if self.downsample is None else self.downsample(x)
        shortcut += nn.Sequential(*list(self)[:5])(x)
        return torch.relu(shortcut)
