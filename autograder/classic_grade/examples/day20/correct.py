"""A correct day20 submission, written the way a student might: not the reference's layout."""
import torch
from torch import nn
import torch.nn.functional as F


class ResidualBlock(nn.Sequential):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(
            nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False),
            nn.BatchNorm2d(out_channels),
        )
        self.downsample = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                            nn.BatchNorm2d(out_channels))

    def forward(self, x):
        out = x
        for layer in list(self)[:5]:   # the main path only: downsample, assigned later, is a child too
            out = layer(out)
        out += x if self.downsample is None else self.downsample(x)
        return out.relu_()


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, width, stride=1):
        super().__init__()
        out = 4 * width
        main = nn.Sequential(
            nn.Conv2d(in_channels, width, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
            nn.Conv2d(width, out, 1, bias=False), nn.BatchNorm2d(out))
        shortcut = nn.Identity() if stride == 1 and in_channels == out else nn.Sequential(
            nn.Conv2d(in_channels, out, 1, stride, bias=False), nn.BatchNorm2d(out))
        self.branches = nn.ModuleList([shortcut, main])

    def forward(self, x):
        shortcut, main = self.branches
        return F.relu(main(x) + shortcut(x), inplace=True)


class PreActBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.shortcut_conv = None
        if stride != 1 or in_channels != out_channels:
            self.shortcut_conv = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(out_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(in_channels)

    def forward(self, x):
        pre = torch.relu(self.norm1(x))
        out = self.conv2(torch.relu(self.norm2(self.conv1(pre))))
        out += x if self.shortcut_conv is None else self.shortcut_conv(pre)
        return out


class ResNet(nn.Module):
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
