"""Shortcut registered (and computed) before the main path; parameters held as bare tensors and used with F.conv2d / F.batch_norm.

GRADE: all

TASK: ResidualBlock
BASE: correct/resnet_modulelist_mean_pool.py

BottleneckBlock is resnet_modulelist_mean_pool's (the attribute layout), as its ResNet builds it.
"""
import torch
from torch import nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.stride = stride
        self.project = stride != 1 or in_channels != out_channels
        if self.project:
            self.w_proj = nn.Parameter(torch.randn(out_channels, in_channels, 1, 1) * 0.1)
            self.bn_proj = nn.BatchNorm2d(out_channels)
        self.w1 = nn.Parameter(torch.randn(out_channels, in_channels, 3, 3) * 0.1)
        self.g1 = nn.Parameter(torch.ones(out_channels))
        self.b1 = nn.Parameter(torch.zeros(out_channels))
        self.register_buffer("mean1", torch.zeros(out_channels))
        self.register_buffer("var1", torch.ones(out_channels))
        self.w2 = nn.Parameter(torch.randn(out_channels, out_channels, 3, 3) * 0.1)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        shortcut = self.bn_proj(F.conv2d(x, self.w_proj, stride=self.stride)) if self.project else x
        out = F.conv2d(x, self.w1, stride=self.stride, padding=1)
        out = F.batch_norm(out, self.mean1, self.var1, self.g1, self.b1, self.training, 0.1, 1e-5)
        out = torch.relu(out)
        out = self.bn2(F.conv2d(out, self.w2, padding=1))
        return torch.relu(out + shortcut)


class PreActBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.projection = None
        if stride != 1 or in_channels != out_channels:
            self.projection = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)

    def forward(self, x):
        pre = F.relu(self.bn1(x))
        shortcut = x if self.projection is None else self.projection(pre)
        out = self.conv1(pre)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + shortcut


class ResNet(nn.Module):
    LAYERS = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}

    def __init__(self, depth, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
            nn.MaxPool2d(3, stride=2, padding=1))
        channels = 64
        stages = []
        for stage, count in enumerate(self.LAYERS[depth]):
            planes = 64 * 2 ** stage
            blocks = []
            for index in range(count):
                stride = 2 if stage > 0 and index == 0 else 1
                if depth < 50:
                    blocks.append(ResidualBlock(channels, planes, stride))
                    channels = planes
                else:
                    blocks.append(BottleneckBlock(channels, planes, stride))
                    channels = 4 * planes
            stages.append(nn.Sequential(*blocks))
        self.stages = nn.Sequential(*stages)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = self.stages(self.stem(x))
        return self.fc(torch.flatten(self.pool(x), 1))
