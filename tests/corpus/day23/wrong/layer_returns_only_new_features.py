"""My layer returns only its new features, as torchvision's _DenseLayer does.

TASK: DenseLayer
"""
import torch
from torch import nn
import torch.nn.functional as F


class DenseLayer(DenseLayer):
    def forward(self, x):
        return super().forward(x)[:, x.shape[1]:]
