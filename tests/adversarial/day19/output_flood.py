"""Floods stdout and stderr (raw fd writes, past Python's buffers) without end.

TASK: conv_params
CAUSE: output limit
BASE: correct
"""
import os
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    chunk = b"y" * (1 << 16)
    while True:
        os.write(1, chunk)
        os.write(2, chunk)
