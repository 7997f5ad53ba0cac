"""I keep a list of features and torch.cat it before every layer, like the paper's [x0, …, x(l-1)].

TASK: DenseBlock
GRADE: all
"""
import torch
from torch import nn

class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.stages = nn.ModuleList()
        for i in range(num_layers):
            c = in_channels + i * growth_rate
            if bottleneck is None:
                body = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(), nn.Conv2d(c, growth_rate, 3, padding=1, bias=False))
            else:
                w = bottleneck * growth_rate
                body = nn.Sequential(nn.BatchNorm2d(c), nn.ReLU(), nn.Conv2d(c, w, 1, bias=False),
                                     nn.BatchNorm2d(w), nn.ReLU(), nn.Conv2d(w, growth_rate, 3, padding=1, bias=False))
            self.stages.append(body)

    def forward(self, x):
        features = [x]
        for stage in self.stages:
            features.append(stage(torch.cat(features, 1)))
        return torch.cat(features, 1)
