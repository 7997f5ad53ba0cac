"""I counted every layer on in_channels inputs.

TASK: dense_block_params
"""
def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    c, w = in_channels, (bottleneck or 0) * growth_rate
    per_layer = 2 * c + 9 * c * growth_rate if bottleneck is None else 2 * c + c * w + 2 * w + 9 * w * growth_rate
    return num_layers * per_layer
