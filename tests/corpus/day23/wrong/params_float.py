"""I return the count as a float.

TASK: dense_block_params
"""
_exact = dense_block_params


def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    return float(_exact(num_layers, in_channels, growth_rate, bottleneck))
