"""Each layer sees only the previous layer's new features, and I return the last one's.

TASK: DenseBlock
MISTAKE: 每層只讀前一層的新特徵，只回傳最後一層 | the block whose layers each read only the previous one's new features, returning the last one's
"""
import torch
from torch import nn

class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList(
            DenseLayer(in_channels if i == 0 else growth_rate, growth_rate, bottleneck) for i in range(num_layers))
        self.c = in_channels

    def forward(self, x):
        h = x
        for layer in self.layers:
            h = layer(h)[:, -layer_growth(layer):]
        return torch.cat([x, h], 1)


def layer_growth(layer):
    convs = [m for m in layer.modules() if isinstance(m, nn.Conv2d)]
    return convs[-1].out_channels
