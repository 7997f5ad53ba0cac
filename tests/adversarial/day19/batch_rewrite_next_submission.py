"""Rewrites the next submission of the batch (a sibling file in the batch directory) into a wrong one, directly and from a daemon that retries for 20 s.

TASK: conv_params
CAUSE: answer|FileNotFoundError|PermissionError|OSError
BASE: correct
"""
import os, time
def _rewrite():
    with open("{{NEXT_SUBMISSION}}", "a") as victim:
        victim.write("\ndef conv_params(*args, **kwargs):\n    return -1\n")
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if os.fork() == 0:
        os.setsid()
        for _ in range(200):
            try:
                _rewrite()
            except OSError:
                pass
            time.sleep(0.1)
        os._exit(0)
    _rewrite()
    return -1
