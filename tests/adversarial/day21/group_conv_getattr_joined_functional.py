"""GroupConv2d looks F.conv2d up by a joined string and passes groups through a starred argument list.

TASK: GroupConv2d
CAUSE: forbidden import
BASE: correct
"""


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels // groups, kernel_size, kernel_size) * 0.1)
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None
        self.spec = [stride, padding, 1, groups]
        self.op = getattr(F, "".join(["con", "v2", "d"]))

    def forward(self, x):
        return self.op(x, self.weight, self.bias, *self.spec)
