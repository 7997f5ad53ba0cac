"""Ignores SIGTERM, SIGXCPU, SIGINT and SIGHUP and spins: only SIGKILL ends it.

TASK: conv_params
CAUSE: timeout|crashed
BASE: correct
"""
import signal
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    for sig in (signal.SIGTERM, signal.SIGXCPU, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    while True:
        pass
