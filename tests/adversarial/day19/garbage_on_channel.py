"""Writes a header length of 4 GiB and junk to every socket fd, then keeps answering.

TASK: conv_params
CAUSE: protocol|exited|crashed|timeout
BASE: correct
"""
import os, stat
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, b"\xff\xff\xff\xff" + os.urandom(4096))
        except OSError:
            pass
    return -1
