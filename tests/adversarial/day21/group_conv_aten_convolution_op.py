"""GroupConv2d runs the aten convolution operator from torch.ops directly, reached through getattr of an attribute.

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
        aten = getattr(torch.ops, "aten")
        return aten.convolution.default(x, self.weight, self.bias, [self.stride] * 2, [self.padding] * 2, [1, 1],
                                        False, [0, 0], self.g)
