"""I forgot to pass bottleneck on to the layers.

TASK: DenseBlock
MISTAKE: 沒把 bottleneck 傳給各層 | the block that does not pass bottleneck on to its layers
"""
from torch import nn

class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList(DenseLayer(in_channels + i * growth_rate, growth_rate) for i in range(num_layers))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
