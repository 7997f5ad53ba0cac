"""GroupConv2d calls torch._C._VariableFunctions.conv2d with groups, below torch's Python functions.

TASK: GroupConv2d
CAUSE: cannot follow
BASE: correct
BOUND: below-full
"""


_GroupConv2d = GroupConv2d   # the correct example's: its weight, bias, stride and padding


class GroupConv2d(_GroupConv2d):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__(in_channels, out_channels, kernel_size, groups, stride, padding, bias)
        self.g = groups

    def forward(self, x):
        native = torch._C._VariableFunctions
        return native.conv2d(x, self.weight, self.bias, self.stride, self.padding, 1, self.g)
