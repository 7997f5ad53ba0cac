"""My 1×1 bottleneck conv reduces to growth_rate channels, not bottleneck·growth_rate.

TASK: DenseLayer
MISTAKE: 1×1 瓶頸只縮到 growth_rate 個通道 | the layer whose 1×1 bottleneck has growth_rate channels instead of bottleneck·growth_rate
"""


class DenseLayer(DenseLayer):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__(in_channels, growth_rate, None if bottleneck is None else 1)
