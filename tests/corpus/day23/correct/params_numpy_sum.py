"""I used numpy for the per-layer counts and cast the sum back to int.

TASK: dense_block_params
"""
import numpy as np


def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    c = in_channels + growth_rate * np.arange(num_layers, dtype=np.int64)
    if bottleneck is None:
        return int(np.sum(2 * c + 9 * c * growth_rate))
    w = bottleneck * growth_rate
    return int(np.sum(2 * c + c * w + 2 * w + 9 * w * growth_rate))
