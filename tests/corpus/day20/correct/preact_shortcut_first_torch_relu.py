"""Shortcut conv registered first; torch.relu and an in-place addition on its own intermediate.

TASK: PreActBlock
"""
import torch
from torch import nn


class PreActBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.shortcut_conv = None
        if stride != 1 or in_channels != out_channels:
            self.shortcut_conv = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(out_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(in_channels)

    def forward(self, x):
        pre = torch.relu(self.norm1(x))
        out = self.conv2(torch.relu(self.norm2(self.conv1(pre))))
        out += x if self.shortcut_conv is None else self.shortcut_conv(pre)
        return out
