"""Leaves a SIGTERM-proof child that keeps stdout/stderr and the channel open, sleeping 30 s, so a grader waiting for EOF would hang.

TASK: inception_macs
CAUSE: exited|answer
BASE: correct
"""
import os, signal, time
def inception_macs(in_channels, filter_list, height, width):
    if os.fork() == 0:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        time.sleep(30)
        os._exit(0)
    os._exit(0)
