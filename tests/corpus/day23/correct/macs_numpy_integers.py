"""I compute with numpy, so my two counts are numpy integers.

TASK: separable_macs
"""
import numpy as np


def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    pixels = np.int64(height) * width
    taps = kernel_size ** 2
    return pixels * in_channels * (taps + out_channels), pixels * taps * in_channels * out_channels
