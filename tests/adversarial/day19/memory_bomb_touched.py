"""Allocates and touches 256 MiB blocks up to 4 GiB (bounded for a shared machine); answers correctly only if it got them all.

TASK: inception_macs
CAUSE: memory|MemoryError|crashed
BASE: correct
"""
def inception_macs(in_channels, filter_list, height, width):
    hoard = [b"x" * (256 << 20) for _ in range(16)]
    f1, f3r, f3, f5r, f5, fp = filter_list
    return height * width * (in_channels * (f1 + f3r + f5r + fp) + 9 * f3r * f3 + 25 * f5r * f5) + 0 * len(hoard)
