"""SEModule as an nn.Sequential subclass with 1×1-conv excitations and a pooling module.

TASK: SEModule
GRADE: all
"""
import torch
from torch import nn
import torch.nn.functional as F


class Excitation(nn.Sequential):
    def __init__(self, channels, hidden):
        super().__init__(nn.AdaptiveAvgPool2d(1), nn.Conv2d(channels, hidden, kernel_size=1), nn.ReLU(inplace=True),
                         nn.Conv2d(hidden, channels, kernel_size=1), nn.Sigmoid())


class SEModule(Excitation):
    def __init__(self, channels, reduction=16):
        super().__init__(channels, max(1, channels // reduction))

    def forward(self, x):
        return x * super().forward(x)
