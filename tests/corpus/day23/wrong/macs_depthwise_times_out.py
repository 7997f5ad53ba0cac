"""I counted the depthwise conv as if it had C_in·C_out filters.

TASK: separable_macs
"""
def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    hw, kk = height * width, kernel_size * kernel_size
    return hw * kk * in_channels * out_channels + hw * in_channels * out_channels, hw * kk * in_channels * out_channels
