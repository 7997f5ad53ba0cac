"""Patches torch.allclose/equal, numpy.allclose/testing and builtins.isinstance/len, then returns a wrong count: the comparison must happen outside the worker.

TASK: conv_params
CAUSE: answer|protocol
BASE: correct
"""
import builtins, numpy, torch
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    # Patched on the call, not at import: the other tasks' workers load this file too.
    torch.allclose = lambda *a, **k: True
    torch.equal = lambda *a, **k: True
    numpy.allclose = lambda *a, **k: True
    numpy.array_equal = lambda *a, **k: True
    builtins.len = lambda obj: 0
    return -1
