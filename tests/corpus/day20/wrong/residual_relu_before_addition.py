"""ReLU on the residual branch before the addition instead of after it.

TASK: ResidualBlock
MISTAKE: ReLU 放在相加之前而非之後 | the block with the ReLU before the addition instead of after it
"""
import torch
from torch import nn

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def forward(self, x):
        return torch.relu(nn.Sequential(*list(self)[:5])(x)) + (x if self.downsample is None else self.downsample(x))
