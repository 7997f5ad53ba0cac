"""Replaces the worker's own exception formatter and text bounding at import (their module is in sys.modules) with ones that return megabytes (2.5 MiB of message, 0.5 MiB of exception type, control characters included: just under the channel's 4 MiB header), then fails PreActBlock with an exception (its top-level digging in sys.modules costs every task as a forbidden import): the grader must bound each message itself, and the report stay small and valid.

TASK: all
CAUSE: answer|forbidden import
BASE: correct
"""
import sys as _sys
for _name, _module in list(_sys.modules.items()):
    if _name.endswith("harness") and hasattr(_module, "format_exception"):
        _module.format_exception = lambda error: "\x01" + "m" * (5 << 19)
        _module.safe_text = lambda value, limit=0: "t" * (1 << 19) + "\x02"
class PreActBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 3, stride, 1)

    def forward(self, x):
        raise RuntimeError("broken")
