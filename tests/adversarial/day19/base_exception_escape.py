"""Raises SystemExit, KeyboardInterrupt and GeneratorExit subclasses that refuse to be caught quietly.

TASK: inception_macs
CAUSE: exited|SystemExit|KeyboardInterrupt
BASE: correct
"""
def inception_macs(in_channels, filter_list, height, width):
    raise KeyboardInterrupt("stop the grader")
