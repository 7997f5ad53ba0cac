"""I summed the arithmetic series in closed form.

TASK: dense_block_params
"""
def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    L, c0, k = num_layers, in_channels, growth_rate
    channel_sum = L * c0 + k * L * (L - 1) // 2          # sum of every layer's input channels
    if bottleneck is None:
        return (2 + 9 * k) * channel_sum
    w = bottleneck * k
    return (2 + w) * channel_sum + L * (2 * w + 9 * w * k)
