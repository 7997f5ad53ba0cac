"""I computed the separable cost from the paper's ratio 1/N + 1/k², in floats.

TASK: separable_macs
"""
def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    standard = height * width * kernel_size ** 2 * in_channels * out_channels
    return standard * (1 / out_channels + 1 / kernel_size ** 2), standard
