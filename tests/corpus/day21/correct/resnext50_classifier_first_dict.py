"""ResNeXt50 registering its classifier first and its stages in an nn.ModuleDict.

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


class ResNeXt50(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.classifier = nn.Linear(2048, num_classes)
        self.stages = nn.ModuleDict()
        channels = 64
        for stage, count in enumerate([3, 4, 6, 3]):
            blocks = []
            for index in range(count):
                blocks.append(ResNeXtBlock(channels, 256 * 2 ** stage, 32, 4 * 2 ** stage,
                                           stride=2 if stage > 0 and index == 0 else 1))
                channels = 256 * 2 ** stage
            self.stages[f"conv{stage + 2}"] = nn.Sequential(*blocks)
        self.stem_bn = nn.BatchNorm2d(64)
        self.stem_conv = nn.Conv2d(3, 64, 7, 2, 3, bias=False)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.stem_bn(self.stem_conv(x))), 3, 2, 1)
        for stage in self.stages.values():
            x = stage(x)
        return self.classifier(x.mean(dim=(2, 3)))
