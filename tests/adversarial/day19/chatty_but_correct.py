"""Correct, but prints 2 KiB on every call (well under the output limit): full marks expected.

TASK: conv_params
CAUSE: 
BASE: correct
"""
_correct_conv_params = conv_params
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    print("debug " * 340)
    return _correct_conv_params(in_channels, out_channels, kernel_size, bias)
