"""ResNeXt50 as an nn.Sequential subclass: stem, sixteen blocks, pooling and the classifier in one sequence.

TASK: ResNeXt50
BASE: correct/group_conv_split_with_explicit_groups_one.py
"""
from torch import nn


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
