"""I return a list instead of a tuple.

TASK: separable_macs
"""
def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    hw, kk = height * width, kernel_size * kernel_size
    return [hw * in_channels * (kk + out_channels), hw * kk * in_channels * out_channels]
