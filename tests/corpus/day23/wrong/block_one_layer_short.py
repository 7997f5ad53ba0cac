"""My loop ran range(num_layers - 1): one layer too few.

TASK: DenseBlock
MISTAKE: 少了一層（range(num_layers - 1)） | the block with one layer too few
"""


class DenseBlock(DenseBlock):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__(num_layers - 1, in_channels, growth_rate, bottleneck)
