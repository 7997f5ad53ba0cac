"""An ECAModule that registers its weight under a name holding a lone surrogate and a form feed (legal for torch, unprintable for a report), and raises a KeyError whose key is the same name when asked to run with it.

TASK: ECAModule
CAUSE: answer
BASE: correct
"""
import torch
from torch import nn
class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()
        self.register_parameter("w\udc80\x0c", nn.Parameter(torch.ones(2, k_size)))

    def forward(self, x):
        raise KeyError("w\udc80\x0c")
