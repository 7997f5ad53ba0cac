"""Correct, but sleeps 0.2 s on every call: slow, within the limits, full marks expected.

TASK: conv_params
CAUSE: 
BASE: correct
"""
import time
_correct_conv_params = conv_params
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    time.sleep(0.2)
    return _correct_conv_params(in_channels, out_channels, kernel_size, bias)
