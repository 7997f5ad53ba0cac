"""Spawns exec'd children (400 `sleep 60` via subprocess, not forks of the worker) until refused, then spins: the process limit must hold for programs the job executes too.

TASK: group_conv_params
CAUSE: processes|timeout|BlockingIOError|OSError
BASE: correct
"""
import subprocess
def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    children = [subprocess.Popen(["sleep", "60"]) for _ in range(400)]
    while children:
        pass
