"""Creates 20000 small files (inode exhaustion, bounded for a shared machine).

TASK: inception_macs
CAUSE: disk|OSError|timeout|answer
BASE: correct
"""
import os
def inception_macs(in_channels, filter_list, height, width):
    os.makedirs("{{SCRATCH}}", exist_ok=True)
    for i in range(20000):
        with open(os.path.join("{{SCRATCH}}", f"f{i}"), "w") as f:
            f.write("x")
    return 1
