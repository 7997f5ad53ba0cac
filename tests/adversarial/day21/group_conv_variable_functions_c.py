"""GroupConv2d calls torch._C._VariableFunctions.conv2d with groups, below torch's Python functions.

TASK: GroupConv2d
CAUSE: cannot follow
BASE: group_conv_aten_convolution_op.py
BOUND: below-full

It reaches torch._C directly, which the source scan names whatever the runtime record shows.
"""


class GroupConv2d(GroupConv2d):
    """The base's: the example's weight, bias, stride and padding, and the groups as self.g."""

    def forward(self, x):
        native = torch._C._VariableFunctions
        return native.conv2d(x, self.weight, self.bias, self.stride, self.padding, 1, self.g)
