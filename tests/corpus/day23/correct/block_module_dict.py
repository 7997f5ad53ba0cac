"""I registered the layers in an nn.ModuleDict named like torchvision's denselayer1, denselayer2, ….

TASK: DenseBlock
"""
from torch import nn

class DenseBlock(nn.ModuleDict):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__({f"denselayer{i + 1}": DenseLayer(in_channels + i * growth_rate, growth_rate, bottleneck)
                          for i in range(num_layers)})

    def forward(self, x):
        for name in self:
            x = self[name](x)
        return x
