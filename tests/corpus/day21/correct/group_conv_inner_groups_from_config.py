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


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return kh * kw * (in_channels // groups) * out_channels + (out_channels if bias else 0)


class ResNeXtBlock(nn.Module):
    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__()
        width = cardinality * group_width
        self.shortcut = nn.Identity()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                          nn.BatchNorm2d(out_channels))
        self.reduce = nn.Sequential(nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        self.transform = nn.Sequential(nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False),
                                       nn.BatchNorm2d(width), nn.ReLU())
        self.expand = nn.Sequential(nn.Conv2d(width, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels))

    def forward(self, x):
        return F.relu(self.expand(self.transform(self.reduce(x))) + self.shortcut(x))


class ResNeXt50(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                                  nn.MaxPool2d(3, 2, 1))
        blocks, channels = [], 64
        for stage, count in enumerate([3, 4, 6, 3]):
            out = 256 * 2 ** stage
            for index in range(count):
                stride = 2 if stage > 0 and index == 0 else 1
                blocks.append(ResNeXtBlock(channels, out, 32, 4 * 2 ** stage, stride))
                channels = out
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))
