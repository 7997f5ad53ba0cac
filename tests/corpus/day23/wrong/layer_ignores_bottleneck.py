"""I always used the plain BN → ReLU → 3×3 conv layer, even with a bottleneck.

TASK: DenseLayer
MISTAKE: 有瓶頸時仍用普通的 BN→ReLU→3×3 卷積層 | the layer that ignores the bottleneck (always BN → ReLU → 3×3 conv)
"""


class DenseLayer(DenseLayer):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__(in_channels, growth_rate, None)
