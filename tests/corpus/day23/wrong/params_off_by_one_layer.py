"""My loop's channel count starts one growth step late.

TASK: dense_block_params
"""
def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    total = 0
    for i in range(1, num_layers + 1):
        c = in_channels + i * growth_rate
        w = (bottleneck or 0) * growth_rate
        total += 2 * c + 9 * c * growth_rate if bottleneck is None else 2 * c + c * w + 2 * w + 9 * w * growth_rate
    return total
