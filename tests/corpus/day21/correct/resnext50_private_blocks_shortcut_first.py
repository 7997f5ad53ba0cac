"""ResNeXt50 whose blocks compute the shortcut before the main path, kept in unnamed Sequentials, classifier registered first.

TASK: ResNeXt50
"""
import torch
from torch import nn
import torch.nn.functional as F


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        assert in_channels % groups == 0 and out_channels % groups == 0
        self.groups, self.stride, self.padding = groups, stride, padding
        self.weight = nn.Parameter(torch.randn(out_channels, in_channels // groups, kernel_size, kernel_size) * 0.1)
        self.bias = nn.Parameter(torch.zeros(out_channels)) if bias else None

    def forward(self, x):
        xs = x.chunk(self.groups, dim=1)
        ws = self.weight.chunk(self.groups, dim=0)
        bs = self.bias.chunk(self.groups) if self.bias is not None else [None] * self.groups
        return torch.cat([F.conv2d(xi, wi, bi, self.stride, self.padding) for xi, wi, bi in zip(xs, ws, bs)], 1)


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


# --- the variation ------------------------------------------------------------
import torch
from torch import nn
import torch.nn.functional as F


class ResNeXtBlock(nn.Module):
    def __init__(self, cin, cout, cardinality, group_width, stride=1):
        super().__init__()
        width = cardinality * group_width
        self.proj = None
        if stride != 1 or cin != cout:
            self.proj = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        self.body = nn.Sequential(
            nn.Conv2d(cin, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, groups=cardinality, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, cout, 1, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        skip = x if self.proj is None else self.proj(x)
        return F.relu(skip + self.body(x))


class ResNeXt50(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.head = nn.Linear(2048, num_classes)
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
                                  nn.MaxPool2d(3, 2, 1))
        units, cin = [], 64
        for stage, count in enumerate([3, 4, 6, 3]):
            for index in range(count):
                units.append(ResNeXtBlock(cin, 256 << stage, 32, 4 << stage, 2 if stage and not index else 1))
                cin = 256 << stage
        self.units = nn.Sequential(*units)

    def forward(self, x):
        x = self.units(self.stem(x))
        return self.head(x.mean(dim=(2, 3)))
