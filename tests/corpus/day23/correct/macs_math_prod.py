"""I use math.prod for the products.

TASK: separable_macs
"""
import math


def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    standard = math.prod((height, width, kernel_size, kernel_size, in_channels, out_channels))
    return math.prod((height, width, in_channels)) * (kernel_size ** 2 + out_channels), standard
