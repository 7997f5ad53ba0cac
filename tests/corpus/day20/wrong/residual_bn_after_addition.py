"""The second BN is applied after the addition rather than on the residual branch.

TASK: ResidualBlock
MISTAKE: 第二個 BN 放在相加之後 | the block with the second BN after the addition
"""
import torch
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def forward(self, x):
        out = nn.Sequential(*list(self)[:4])(x)   # conv, BN, ReLU, conv: the second BN comes after the addition
        return torch.relu(self[4](out + (x if self.downsample is None else self.downsample(x))))
