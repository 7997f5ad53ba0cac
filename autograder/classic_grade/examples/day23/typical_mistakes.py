"""A day23 submission with the typical mistakes: a dense layer in the post-activation order that puts
its new features before x, a block whose layers see only the previous layer's features, a count that
includes BN's running statistics, a "depthwise" conv without groups, a cost that counts the depthwise
conv as C_in·C_out filters, and a shuffle that reshapes to (C/g, g) before transposing."""
import torch
from torch import nn


class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        width = growth_rate if bottleneck is None else bottleneck * growth_rate
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, growth_rate, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(growth_rate)
        self.relu = nn.ReLU()

    def forward(self, x):
        new = self.relu(self.bn1(self.conv1(x)))
        new = self.relu(self.bn2(self.conv2(new)))
        return torch.cat([new, x], dim=1)


class DenseBlock(nn.Module):
    def __init__(self, num_layers, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.layers = nn.ModuleList(
            DenseLayer(in_channels if i == 0 else growth_rate, growth_rate, bottleneck) for i in range(num_layers))
        self.growth_rate = growth_rate

    def forward(self, x):
        features, h = [x], x
        for layer in self.layers:
            h = layer(h)[:, :self.growth_rate]
            features.append(h)
        return torch.cat(features, dim=1)


def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    total = 0
    for i in range(num_layers):
        c = in_channels + i * growth_rate
        width = (bottleneck or 1) * growth_rate
        total += 4 * c + c * width + 4 * width + 9 * width * growth_rate
    return total


class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.depthwise = nn.Conv2d(in_channels, in_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        x = torch.relu(self.bn1(self.depthwise(x)))
        return torch.relu(self.bn2(self.pointwise(x)))


def separable_macs(in_channels, out_channels, height, width, kernel_size=3):
    standard = height * width * kernel_size * kernel_size * in_channels * out_channels
    return standard + height * width * in_channels * out_channels, standard


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, c // groups, groups, h, w).transpose(1, 2).reshape(n, c, h, w)
