"""I used the usual conv → BN → ReLU order inside the layer.

TASK: DenseLayer
MISTAKE: 用後激活順序（卷積→BN→ReLU） | the layer with the post-activation order (conv → BN → ReLU)
"""
import torch
from torch import nn

class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        kernels = [3] if bottleneck is None else [1, 3]
        widths = [in_channels] + ([] if bottleneck is None else [bottleneck * growth_rate]) + [growth_rate]
        stages = []
        for cin, cout, k in zip(widths, widths[1:], kernels):
            stages += [nn.Conv2d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
        self.body = nn.Sequential(*stages)

    def forward(self, x):
        return torch.cat([x, self.body(x)], dim=1)
