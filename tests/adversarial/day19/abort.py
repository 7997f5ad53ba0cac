"""Calls os.abort() (SIGABRT) while building the module.

TASK: conv1x1
CAUSE: crashed
BASE: correct
"""
import os
def conv1x1(in_channels, out_channels):
    os.abort()
