"""Builds the SE module from torchvision.ops.SqueezeExcitation instead of writing it (imported inside the task, so the other tasks still load).

TASK: SEModule
CAUSE: forbidden import
BASE: correct
"""
def SEModule(channels, reduction=16):
    from torchvision.ops import SqueezeExcitation
    return SqueezeExcitation(channels, max(1, channels // reduction))
