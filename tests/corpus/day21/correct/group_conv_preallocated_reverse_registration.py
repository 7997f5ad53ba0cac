"""GroupConv2d registers its convs last group first and fills a pre-allocated output slice by slice.

TASK: GroupConv2d
"""
from torch import nn


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups, self.cin, self.cout = groups, in_channels // groups, out_channels // groups
        self.backwards = nn.ModuleList([nn.Conv2d(self.cin, self.cout, kernel_size, stride, padding, bias=bias)
                                        for _ in range(groups)][::-1])

    def forward(self, x):
        first = self.backwards[-1](x[:, :self.cin])
        out = first.new_zeros(first.shape[0], self.cout * self.groups, *first.shape[2:])
        out[:, :self.cout] = first
        for j in range(1, self.groups):
            conv = self.backwards[self.groups - 1 - j]
            out[:, j * self.cout:(j + 1) * self.cout] = conv(x[:, j * self.cin:(j + 1) * self.cin])
        return out
