"""GroupConv2d holding one weight stacked per group, (groups, out/groups, in/groups, k, k), and the
bias likewise, cut with unbind and torch.split; at one input channel per group and a 1×1 kernel a
group's weight is as small as its bias, and only the convolution that reads the pieces tells them apart.

TASK: GroupConv2d
"""
import torch
from torch import nn
import torch.nn.functional as F


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.groups, self.stride, self.padding = groups, stride, padding
        per_in, per_out = in_channels // groups, out_channels // groups
        self.weight = nn.Parameter(torch.randn(groups, per_out, per_in, kernel_size, kernel_size) * 0.1)
        self.bias = nn.Parameter(torch.zeros(groups, per_out)) if bias else None

    def forward(self, x):
        inputs = torch.split(x, x.shape[1] // self.groups, dim=1)
        biases = self.bias.unbind(0) if self.bias is not None else [None] * self.groups
        outputs = [F.conv2d(xi, wi, bi, self.stride, self.padding)
                   for xi, wi, bi in zip(inputs, self.weight.unbind(0), biases)]
        return torch.cat(outputs, dim=1)
