"""GroupConv2d calls torch._C._VariableFunctions.conv2d with groups, below torch's Python functions.

TASK: GroupConv2d
CAUSE: cannot follow
BASE: correct
BOUND: below-full
"""


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.g, self.stride, self.padding = groups, stride, padding
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels // groups, kernel_size, kernel_size) * 0.1)
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def forward(self, x):
        native = torch._C._VariableFunctions
        return native.conv2d(x, self.weight, self.bias, self.stride, self.padding, 1, self.g)
