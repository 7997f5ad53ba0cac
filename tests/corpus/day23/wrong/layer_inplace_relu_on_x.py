"""I saved memory with an in-place ReLU straight on the input.

TASK: DenseLayer
"""
import torch.nn.functional as F


class DenseLayer(DenseLayer):
    def forward(self, x):
        F.relu(x, inplace=True)
        return super().forward(x)
