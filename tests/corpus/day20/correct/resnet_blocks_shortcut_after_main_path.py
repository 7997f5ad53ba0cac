"""ResNet whose blocks compute the projection shortcut after the main path, their layers in a helper class of their own.

TASK: ResNet

The reference computes the shortcut first. In ResNet-50's first block the projection and the last
1×1 conv have the same shape and read inputs of the same shape, so only where their inputs come
from (the stem, the 3×3) tells them apart: the whole network's first mapping pairs them by that,
without the per-block fallback. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class _Unit(nn.Module):
    def __init__(self, cin, cout, kernel, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride, kernel // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))


class BottleneckBlock(nn.Module):
    def __init__(self, cin, planes, stride):
        super().__init__()
        out = 4 * planes
        self.project = _Unit(cin, out, 1, stride) if stride != 1 or cin != out else None
        self.a, self.b, self.c = _Unit(cin, planes, 1), _Unit(planes, planes, 3, stride), _Unit(planes, out, 1)

    def forward(self, x):
        y = F.relu(self.a(x))
        y = self.c(F.relu(self.b(y)))
        return F.relu(y + (x if self.project is None else self.project(x)))


class ResidualBlock(nn.Module):
    def __init__(self, cin, planes, stride):
        super().__init__()
        self.project = _Unit(cin, planes, 1, stride) if stride != 1 or cin != planes else None
        self.a, self.b = _Unit(cin, planes, 3, stride), _Unit(planes, planes, 3)

    def forward(self, x):
        y = self.b(F.relu(self.a(x)))
        return F.relu(y + (x if self.project is None else self.project(x)))


class ResNet(nn.Module):
    def __init__(self, depth, num_classes=1000):
        super().__init__()
        counts = {18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 8, 36, 3]}[depth]
        block, expansion = (BottleneckBlock, 4) if depth >= 50 else (ResidualBlock, 1)
        self.stem = _Unit(3, 64, 7, 2)
        blocks, cin = [], 64
        for stage, count in enumerate(counts):
            for index in range(count):
                blocks.append(block(cin, 64 * 2 ** stage, 2 if stage > 0 and index == 0 else 1))
                cin = 64 * 2 ** stage * expansion
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.stem(x)), 3, 2, 1)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(self.blocks(x), 1), 1))
