"""Blocks in one flat nn.ModuleList, functional max pool, x.mean((2, 3)) as the global average pool.

TASK: ResNet
"""
from torch import nn
import torch.nn.functional as F


# The correct example's ResidualBlock and BottleneckBlock: the network's style is what varies.


class ResNet(nn.Module):
    def __init__(self, depth, num_classes=1000):
        super().__init__()
        counts = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}[depth]
        self.stem_conv = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.stem_bn = nn.BatchNorm2d(64)
        self.blocks = nn.ModuleList()
        channels = 64
        for stage, count in enumerate(counts):
            for index in range(count):
                stride = 2 if (stage and not index) else 1
                if depth >= 50:
                    self.blocks.append(BottleneckBlock(channels, 64 << stage, stride))
                    channels = 4 * (64 << stage)
                else:
                    self.blocks.append(ResidualBlock(channels, 64 << stage, stride))
                    channels = 64 << stage
        self.classifier = nn.Linear(channels, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.stem_bn(self.stem_conv(x))), 3, 2, 1)
        for block in self.blocks:
            x = block(x)
        return self.classifier(x.mean((2, 3)))
