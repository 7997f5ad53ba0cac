"""I always counted the bottleneck layer, even for bottleneck=None.

TASK: dense_block_params
"""
def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    w = (bottleneck or 4) * growth_rate
    return sum(2 * c + c * w + 2 * w + 9 * w * growth_rate
               for c in (in_channels + i * growth_rate for i in range(num_layers)))
