"""Builds the 1×1 convolution in float64 and returns float64 outputs.

TASK: conv1x1
CAUSE: dtype|float64|Double|double
BASE: correct
BOUND: below-full

The outputs are float64 where the reference's are float32: a wrong answer the report must name by
its dtype, not a crash.
"""
def conv1x1(in_channels, out_channels):
    return nn.Conv2d(in_channels, out_channels, kernel_size=1).double()
