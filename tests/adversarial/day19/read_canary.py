"""Reads a canary file the test planted on the host; it answers correctly only if the read worked.

TASK: conv_params
CAUSE: FileNotFoundError|PermissionError|OSError
BASE: correct
"""
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    secret = open("{{CANARY}}").read()
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return kh * kw * in_channels * out_channels + (out_channels if bias else 0) + 0 * len(secret)
