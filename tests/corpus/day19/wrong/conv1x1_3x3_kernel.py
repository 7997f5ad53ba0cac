"""conv1x1 built as a 3×3 convolution with padding 1: same shapes, but it mixes neighbouring pixels.

TASK: conv1x1
MISTAKE: 用 3×3 卷積（padding 1）代替 1×1 卷積 | a 3×3 conv with padding 1 in place of the 1×1 conv

Expected to fail: parameter_count (9× the weights) and pixel_locality.
"""
from torch import nn


def conv1x1(in_channels, out_channels):
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)
