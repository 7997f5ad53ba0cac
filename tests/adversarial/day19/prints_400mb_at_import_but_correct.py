"""The correct example, with 400 MiB of debugging output printed at import (400 lines of 1 MiB): output past the kept head and tail is drained and discarded, so every task keeps its marks.

TASK: conv_params, inception_macs
CAUSE: 
BASE: correct
"""
_line = "debug " + "x" * (1 << 20)
for _ in range(400):
    print(_line)
