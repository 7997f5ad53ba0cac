"""ResNeXt50 registering its classifier first and its stages in an nn.ModuleDict.

TASK: ResNeXt50
BASE: correct/group_conv_split_with_explicit_groups_one.py
"""
from torch import nn
import torch.nn.functional as F


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
