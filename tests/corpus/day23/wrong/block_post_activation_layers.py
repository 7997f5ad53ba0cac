"""My block's layers use conv → BN → ReLU, the post-activation order.

TASK: DenseBlock
MISTAKE: 各層用後激活順序（卷積→BN→ReLU） | the block whose layers use the post-activation order (conv → BN → ReLU)
"""
import torch
from torch import nn

class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList()
        for i in range(num_layers):
            c = in_channels + i * growth_rate
            if bottleneck is None:
                self.layers.append(nn.Sequential(nn.Conv2d(c, growth_rate, 3, padding=1, bias=False),
                                                 nn.BatchNorm2d(growth_rate), nn.ReLU()))
            else:
                w = bottleneck * growth_rate
                self.layers.append(nn.Sequential(nn.Conv2d(c, w, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(),
                                                 nn.Conv2d(w, growth_rate, 3, padding=1, bias=False),
                                                 nn.BatchNorm2d(growth_rate), nn.ReLU()))

    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], 1)
        return x
