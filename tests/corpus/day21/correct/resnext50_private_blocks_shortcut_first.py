"""ResNeXt50 whose blocks compute the shortcut before the main path, kept in unnamed Sequentials, classifier registered first.

TASK: ResNeXt50
"""
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
