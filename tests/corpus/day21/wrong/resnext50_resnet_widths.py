"""ResNeXt50 with ResNet-50's widths (64·2^s) split into 32 groups.

TASK: ResNeXt50
"""
import torch
from torch import nn
import torch.nn.functional as F


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
                stages.append(ResNeXtBlock(channels, out, 32, 2 * 2 ** stage, stride))
                channels = out
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = self.stages(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))
