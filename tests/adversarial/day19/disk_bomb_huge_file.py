"""Writes one file of 1 GiB into the temp dir.

TASK: conv_params
CAUSE: disk|OSError|crashed
BASE: correct
"""
import os, tempfile
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    os.makedirs("{{SCRATCH}}", exist_ok=True)
    with open(os.path.join("{{SCRATCH}}", "huge.bin"), "wb") as sink:
        block = b"z" * (1 << 20)
        for _ in range(1024):
            sink.write(block)
    return -1
