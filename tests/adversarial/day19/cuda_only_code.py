"""Moves the module to CUDA unconditionally (written on a GPU laptop, graded on a CPU grader).

TASK: conv1x1
CAUSE: RuntimeError|AssertionError|CUDA|cuda
BASE: correct
BOUND: below-full

The grader has no GPU: the task must lose its marks with the CUDA error named, and the other tasks
keep theirs.
"""
def conv1x1(in_channels, out_channels):
    return nn.Conv2d(in_channels, out_channels, kernel_size=1).cuda()
