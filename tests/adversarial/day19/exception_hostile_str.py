"""Raises an exception whose __str__ and __repr__ raise, and whose args are a recursive list.

TASK: conv_params
CAUSE: HostileError
BASE: correct
"""
class HostileError(Exception):
    def __str__(self):
        raise RuntimeError("str refused")
    def __repr__(self):
        raise RuntimeError("repr refused")
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    loop = []
    loop.append(loop)
    raise HostileError(loop)
