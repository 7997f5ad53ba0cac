"""I left the default bias=True on the convolutions.

TASK: DenseLayer
MISTAKE: 卷積保留了預設的偏差項 | the layer whose convs keep their default bias
"""
from torch import nn


class DenseLayer(DenseLayer):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__(in_channels, growth_rate, bottleneck)
        for name, conv in list(self.named_children()):
            if isinstance(conv, nn.Conv2d):
                setattr(self, name, nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size,
                                              padding=conv.padding))
