"""I counted BN's running mean and variance as parameters.

TASK: dense_block_params
"""
_learnable = dense_block_params


def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    normalised = sum(in_channels + i * growth_rate + (bottleneck or 0) * growth_rate for i in range(num_layers))
    return _learnable(num_layers, in_channels, growth_rate, bottleneck) + 2 * normalised
