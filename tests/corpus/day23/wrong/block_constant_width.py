"""Every layer gets in_channels inputs: I feed each one only x.

TASK: DenseBlock
MISTAKE: 每一層都只讀 x | the block whose layers each read only x
"""
import torch
from torch import nn

class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList(DenseLayer(in_channels, growth_rate, bottleneck) for _ in range(num_layers))
        self.c = in_channels

    def forward(self, x):
        return torch.cat([x] + [layer(x)[:, self.c:] for layer in self.layers], 1)
