"""I concatenated the new features first and x after them.

TASK: DenseLayer
"""
import torch


class DenseLayer(DenseLayer):
    def forward(self, x):
        new = super().forward(x)[:, x.shape[1]:]
        return torch.cat([new, x], dim=1)
