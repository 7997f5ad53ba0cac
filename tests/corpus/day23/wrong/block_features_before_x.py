"""I concatenated all the new features first, then x at the end.

TASK: DenseBlock
"""
import torch


class DenseBlock(DenseBlock):
    def forward(self, x):
        out = super().forward(x)
        return torch.cat([out[:, x.shape[1]:], x], 1)
