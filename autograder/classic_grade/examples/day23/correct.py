"""A correct day23 submission: DenseNet-BC's layer and block, the MobileNet unit, ShuffleNet's shuffle."""
import torch
from torch import nn


class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.bottleneck = bottleneck
        if bottleneck is None:
            self.norm1 = nn.BatchNorm2d(in_channels)
            self.conv1 = nn.Conv2d(in_channels, growth_rate, 3, padding=1, bias=False)
        else:
            width = bottleneck * growth_rate
            self.norm1 = nn.BatchNorm2d(in_channels)
            self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
            self.norm2 = nn.BatchNorm2d(width)
            self.conv2 = nn.Conv2d(width, growth_rate, 3, padding=1, bias=False)
        self.relu = nn.ReLU()

    def forward(self, x):
        new = self.conv1(self.relu(self.norm1(x)))
        if self.bottleneck is not None:
            new = self.conv2(self.relu(self.norm2(new)))
        return torch.cat([x, new], dim=1)                      # x first, then the new features


class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList(
            DenseLayer(in_channels + i * growth_rate, growth_rate, bottleneck) for i in range(num_layers))

    def forward(self, x):
        for layer in self.layers:                              # each layer appends growth_rate channels
            x = layer(x)
        return x


def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    total = 0
    for i in range(num_layers):
        c = in_channels + i * growth_rate
        if bottleneck is None:
            total += 2 * c + 9 * c * growth_rate
        else:
            width = bottleneck * growth_rate
            total += 2 * c + c * width + 2 * width + 9 * width * growth_rate
    return total


class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, 1, groups=in_channels, bias=False)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.relu(self.bn1(self.depthwise(x)))
        return self.relu(self.bn2(self.pointwise(x)))


def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    pixels, taps = height * width, kernel_size * kernel_size
    return pixels * in_channels * (taps + out_channels), pixels * taps * in_channels * out_channels


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)
