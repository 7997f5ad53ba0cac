"""I always used the plain BN → ReLU → 3×3 conv layer, even with a bottleneck.

TASK: DenseLayer
"""


class DenseLayer(DenseLayer):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__(in_channels, growth_rate, None)
