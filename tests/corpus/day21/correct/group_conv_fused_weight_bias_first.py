"""GroupConv2d with one weight tensor sliced per group for F.conv2d, the bias registered before the weight.

TASK: GroupConv2d
"""
import torch
from torch import nn
import torch.nn.functional as F


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        if bias:
            self.b = nn.Parameter(torch.zeros(out_channels))
        else:
            self.register_parameter("b", None)
        self.w = nn.Parameter(torch.empty(out_channels, in_channels // groups, kernel_size, kernel_size))
        nn.init.kaiming_uniform_(self.w)
        self.g, self.cin, self.cout = groups, in_channels // groups, out_channels // groups
        self.stride, self.padding = stride, padding

    def forward(self, x):
        outs = []
        for j in range(self.g):
            xi = x[:, j * self.cin:(j + 1) * self.cin]
            wi = self.w[j * self.cout:(j + 1) * self.cout]
            bi = None if self.b is None else self.b[j * self.cout:(j + 1) * self.cout]
            outs.append(F.conv2d(xi, wi, bi, stride=self.stride, padding=self.padding))
        return torch.cat(outs, dim=1)
