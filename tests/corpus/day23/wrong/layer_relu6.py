"""DenseNet with MobileNet's activation: my dense layer applies nn.ReLU6 after each BN.

TASK: DenseLayer

Both of the layer's activations share one module; swapped for ReLU6 they clip at 6, a value the
BN outputs reach only for inputs larger than the drawn ones (same_function's scaled-up run).
"""
import torch.nn as nn


class DenseLayer(DenseLayer):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__(in_channels, growth_rate, bottleneck=bottleneck)
        self.relu = nn.ReLU6(inplace=False)
