"""My block is an nn.Sequential of DenseLayers (each layer concatenates already).

TASK: DenseBlock
"""
from torch import nn

class DenseBlock(nn.Sequential):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__(*[DenseLayer(in_channels + i * growth_rate, growth_rate, bottleneck)
                           for i in range(num_layers)])
