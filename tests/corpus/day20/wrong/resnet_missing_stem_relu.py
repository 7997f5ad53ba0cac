"""No ReLU after the stem's BN.

TASK: ResNet
"""
import torch
from torch import nn


class ResNet(nn.Module):
    LAYERS = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}

    def __init__(self, depth, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64),
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
