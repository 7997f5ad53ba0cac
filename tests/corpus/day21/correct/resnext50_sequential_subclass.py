"""ResNeXt50 as an nn.Sequential subclass: stem, sixteen blocks, pooling and the classifier in one sequence.

TASK: ResNeXt50
"""
from torch import nn
import torch.nn.functional as F


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

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.shortcut is None else self.shortcut(x)
        return F.relu(out + identity)


class ResNeXt50(nn.Sequential):
    def __init__(self, num_classes=1000):
        layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
        channels = 64
        for stage, count in enumerate([3, 4, 6, 3]):
            for index in range(count):
                layers.append(ResNeXtBlock(channels, 256 << stage, 32, 4 << stage, 2 if stage and not index else 1))
                channels = 256 << stage
        layers += [nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(1), nn.Linear(channels, num_classes)]
        super().__init__(*layers)
