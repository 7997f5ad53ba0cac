"""conv1x1 without a bias: the task asks for a 1×1 convolution with bias.

TASK: conv1x1
MISTAKE: 1×1 卷積沒有偏差項 | the 1×1 conv without its bias

Expected to fail: parameter_count (out_channels fewer parameters).
"""
from torch import nn


def conv1x1(in_channels, out_channels):
    return nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False)
