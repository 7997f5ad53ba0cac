"""I add the depthwise and pointwise terms separately.

TASK: separable_macs
"""
def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    depthwise = height * width * kernel_size * kernel_size * in_channels
    pointwise = height * width * in_channels * out_channels
    standard = height * width * kernel_size * kernel_size * in_channels * out_channels
    return (depthwise + pointwise, standard)
