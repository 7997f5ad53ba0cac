"""The whole network as an nn.Sequential subclass, with a 1x1 conv (with bias) as the classifier after the pool.

TASK: ResNet
"""
from torch import nn


# The correct example's ResidualBlock and BottleneckBlock: the network's style is what varies.


def _stage(block, in_channels, planes, count, stride):
    blocks, channels = [], in_channels
    for index in range(count):
        blocks.append(block(channels, planes, stride if index == 0 else 1))
        channels = planes * (4 if block is BottleneckBlock else 1)
    return nn.Sequential(*blocks), channels


class ResNet(nn.Sequential):
    def __init__(self, depth, num_classes=1000):
        counts = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}[depth]
        block = ResidualBlock if depth < 50 else BottleneckBlock
        layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
        channels = 64
        for stage, count in enumerate(counts):
            stage_module, channels = _stage(block, channels, 64 * 2 ** stage, count, 1 if stage == 0 else 2)
            layers.append(stage_module)
        layers += [nn.AdaptiveAvgPool2d(1), nn.Conv2d(channels, num_classes, 1), nn.Flatten()]
        super().__init__(*layers)
