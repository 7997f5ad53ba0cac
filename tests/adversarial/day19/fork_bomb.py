"""Forks until refused (bounded at 400 so an unsandboxed run does not take the shared machine down), each child sleeping; then spins.

TASK: conv_params
CAUSE: processes|timeout|BlockingIOError|OSError
BASE: correct
"""
import os, time
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    for _ in range(400):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
    while True:
        pass
