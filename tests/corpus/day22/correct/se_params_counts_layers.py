"""se_params counting the parameters of two nn.Linear layers built on the meta device.

TASK: se_params
"""
import torch
from torch import nn


def se_params(channels, reduction=16):
    hidden = max(channels // reduction, 1)
    with torch.device("meta"):
        layers = [nn.Linear(channels, hidden), nn.Linear(hidden, channels)]
    return sum(p.numel() for layer in layers for p in layer.parameters())
