"""My dense layer's activations are ReLU6 (MobileNet's), not ReLU.

TASK: DenseLayer

ReLU6 equals ReLU until an activation passes 6, which drawn inputs and fan-in-scaled weights rarely
reach: same_function's run on an input scaled up must see the clip.
"""
from torch import nn


class DenseLayer(DenseLayer):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__(in_channels, growth_rate, bottleneck)
        self.relu = nn.ReLU6()
