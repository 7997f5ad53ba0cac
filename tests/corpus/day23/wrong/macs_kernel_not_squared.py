"""I used k instead of k² for the kernel's taps.

TASK: separable_macs
"""
def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    hw = height * width
    return hw * in_channels * (kernel_size + out_channels), hw * kernel_size * in_channels * out_channels
