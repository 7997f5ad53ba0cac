"""torchvision's layout: conv1/bn1/relu/maxpool, layer1..layer4 built by a helper, AdaptiveAvgPool2d and fc.

TASK: ResNet
BASE: correct/resnet_modulelist_mean_pool.py
"""
import torch
from torch import nn


class ResNet(nn.Module):
    """The blocks are resnet_modulelist_mean_pool's (attribute layout: conv1, bn1, …, shortcut)."""

    def __init__(self, depth, num_classes=1000):
        super().__init__()
        layers, block = {18: ([2, 2, 2, 2], "basic"), 34: ([3, 4, 6, 3], "basic"),
                         50: ([3, 4, 6, 3], "bottleneck"), 101: ([3, 4, 23, 3], "bottleneck"),
                         152: ([3, 8, 36, 3], "bottleneck")}[depth]
        self.expansion = 1 if block == "basic" else 4
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.in_channels = 64
        self.layer1 = self._make_layer(64, layers[0], 1)
        self.layer2 = self._make_layer(128, layers[1], 2)
        self.layer3 = self._make_layer(256, layers[2], 2)
        self.layer4 = self._make_layer(512, layers[3], 2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * self.expansion, num_classes)

    def _make_layer(self, planes, count, stride):
        blocks = []
        for index in range(count):
            s = stride if index == 0 else 1
            if self.expansion == 1:
                blocks.append(ResidualBlock(self.in_channels, planes, s))
            else:
                blocks.append(BottleneckBlock(self.in_channels, planes, s))
            self.in_channels = planes * self.expansion
        return nn.Sequential(*blocks)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))
