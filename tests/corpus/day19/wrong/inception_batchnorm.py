"""InceptionBlock with a BatchNorm2d after every conv (Inception v2 style); the task's block has no BN.

TASK: InceptionBlock
MISTAKE: 每個卷積後多加了 BatchNorm | the block with a BatchNorm after every conv

Expected to fail: parameter_count, same_function (train-mode batch statistics), and more.
"""
import torch
from torch import nn


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list

        def cbr(cin, cout, k):
            return nn.Sequential(nn.Conv2d(cin, cout, k, padding=k // 2), nn.BatchNorm2d(cout), nn.ReLU())

        self.a = cbr(in_channels, n1, 1)
        self.b = nn.Sequential(cbr(in_channels, r3, 1), cbr(r3, n3, 3))
        self.c = nn.Sequential(cbr(in_channels, r5, 1), cbr(r5, n5, 5))
        self.d = nn.Sequential(nn.MaxPool2d(3, 1, 1), cbr(in_channels, pp, 1))

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x), self.c(x), self.d(x)], dim=1)
