"""I use the paper's ratio with fractions.Fraction, so it stays exact.

TASK: separable_macs
"""
from fractions import Fraction


def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    standard = height * width * kernel_size ** 2 * in_channels * out_channels
    separable = standard * (Fraction(1, out_channels) + Fraction(1, kernel_size ** 2))
    return int(separable), standard
