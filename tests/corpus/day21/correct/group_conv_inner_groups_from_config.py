"""GroupConv2d reads its per-slice convolution settings, inner groups=1 among them, from a config dict and an attribute.

TASK: GroupConv2d
"""
import torch
from torch import nn
import torch.nn.functional as F

SLICE_CONV = {"dilation": 1, "groups": 1}


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.g_outer, self.g_inner = groups, SLICE_CONV["groups"]
        self.stride, self.padding = stride, padding
        shape = (out_channels // groups, in_channels // groups, kernel_size, kernel_size)
        self.weights = nn.ParameterList(nn.Parameter(torch.randn(shape) * 0.1) for _ in range(groups))
        self.bias = (nn.ParameterList(nn.Parameter(torch.zeros(out_channels // groups)) for _ in range(groups))
                     if bias else None)

    def forward(self, x):
        outs = []
        for g, part in enumerate(x.chunk(self.g_outer, dim=1)):
            b = self.bias[g] if self.bias is not None else None
            outs.append(F.conv2d(part, self.weights[g], b, self.stride, self.padding, groups=self.g_inner,
                                 dilation=SLICE_CONV["dilation"]))
        return torch.cat(outs, dim=1)
