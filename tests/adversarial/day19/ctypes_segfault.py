"""Dereferences a null pointer through ctypes.

TASK: conv_params
CAUSE: crashed
BASE: correct
"""
import ctypes
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    return ctypes.string_at(0)
