"""GroupConv2d pops whatever dispatch mode is on top of the stack while it runs the library's grouped convolution.

TASK: GroupConv2d
CAUSE: cannot follow
BASE: correct
BOUND: below-full
"""
import contextlib
from torch.utils._python_dispatch import _pop_mode_temporarily, _get_current_dispatch_mode


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias=bias)
        self.g = groups
        self.conv.weight = nn.Parameter(self.conv.weight[:, : in_channels // groups].detach().clone())

    def forward(self, x):
        hide = _pop_mode_temporarily() if _get_current_dispatch_mode() is not None else contextlib.nullcontext()
        with hide:
            return F.conv2d(x, self.conv.weight, self.conv.bias, self.conv.stride, self.conv.padding, 1, self.g)
