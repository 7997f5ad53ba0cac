"""GroupConv2d with torch.split, a plain list registered by add_module, and an explicit groups=1.

GRADE: all

TASK: GroupConv2d
"""
import torch
from torch import nn
import torch.nn.functional as F


class GroupConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True):
        super().__init__()
        self.sizes = [in_channels // groups] * groups
        self.paths = []
        for g in range(groups):
            conv = nn.Conv2d(in_channels // groups, out_channels // groups, kernel_size=kernel_size, stride=stride,
                             padding=padding, dilation=1, groups=1, bias=bias)
            self.add_module(f"group{g}", conv)
            self.paths.append(conv)

    def forward(self, x):
        outs = []
        for conv, part in zip(self.paths, torch.split(x, self.sizes, dim=1)):
            outs.append(conv(part))
        return torch.cat(outs, 1)


class ResNeXtBlock(nn.Module):
    def __init__(self, in_channels, out_channels, cardinality, group_width, stride=1):
        super().__init__()
        width = cardinality * group_width
        self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, groups=cardinality, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        self.shortcut = None
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                          nn.BatchNorm2d(out_channels))

    def main_path(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        return self.bn3(self.conv3(out))

    def forward(self, x):
        out = self.main_path(x)
        identity = x if self.shortcut is None else self.shortcut(x)
        return F.relu(out + identity)


class ResNeXt50(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.pool = nn.MaxPool2d(3, stride=2, padding=1)
        stages, channels = [], 64
        for stage, count in enumerate([3, 4, 6, 3]):
            out = 256 * 2 ** stage
            for index in range(count):
                stride = 2 if stage > 0 and index == 0 else 1
                stages.append(ResNeXtBlock(channels, out, 32, 4 * 2 ** stage, stride))
                channels = out
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = self.stages(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))
