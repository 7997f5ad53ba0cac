"""GroupConv2d builds its forward from a string with exec when constructed, so the grouped call is never in the source as code.

TASK: GroupConv2d
CAUSE: forbidden import
BASE: correct
"""
_BODY = "def grouped(x, w, b, s, p, g):\n    return F.conv2d(x, w, b, s, p, 1, g)\n"


_GroupConv2d = GroupConv2d   # the correct example's: its weight, bias, stride and padding


class GroupConv2d(_GroupConv2d):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__(in_channels, out_channels, kernel_size, groups, stride, padding, bias)
        self.g = groups
        space = {"F": F}
        exec(_BODY, space)
        self.grouped = space["grouped"]

    def forward(self, x):
        return self.grouped(x, self.weight, self.bias, self.stride, self.padding, self.g)
