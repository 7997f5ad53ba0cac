"""An honest syntax error: an unclosed bracket in the middle of the file.

TASK: conv1x1, conv_params
CAUSE: does not parse
BASE: none
"""
import torch
from torch import nn


def conv1x1(in_channels, out_channels):
    return nn.Conv2d(in_channels, out_channels, kernel_size=(1, 1)


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    return 0
