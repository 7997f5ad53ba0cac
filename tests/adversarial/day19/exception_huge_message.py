"""Raises an exception with a 64 MiB message and a 900-deep traceback.

TASK: inception_macs
CAUSE: ValueError|RecursionError|output limit
BASE: correct
"""
def _deep(n):
    if n == 0:
        raise ValueError("v" * (64 << 20))
    return _deep(n - 1)
def inception_macs(in_channels, filter_list, height, width):
    return _deep(900)
