"""A ReLU after the addition, as in the original block: the path from block to block is no longer clean.

TASK: PreActBlock
MISTAKE: 相加之後多了 ReLU | the block with a ReLU after the addition
"""
import torch

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def forward(self, x):
        return torch.relu(super().forward(x))
