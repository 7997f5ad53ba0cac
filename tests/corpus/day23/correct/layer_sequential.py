"""I put the BN-ReLU-conv stages in one nn.Sequential called body.

TASK: DenseLayer
"""
import torch
from torch import nn

class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        if bottleneck is None:
            layers = [nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True),
                      nn.Conv2d(in_channels, growth_rate, 3, padding=1, bias=False)]
        else:
            w = bottleneck * growth_rate
            layers = [nn.BatchNorm2d(in_channels), nn.ReLU(inplace=True), nn.Conv2d(in_channels, w, 1, bias=False),
                      nn.BatchNorm2d(w), nn.ReLU(inplace=True), nn.Conv2d(w, growth_rate, 3, padding=1, bias=False)]
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return torch.cat([x, self.body(x)], dim=1)
