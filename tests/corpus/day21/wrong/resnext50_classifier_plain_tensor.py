"""ResNeXt50 whose classifier weight and bias are plain tensor attributes, not registered parameters.

TASK: ResNeXt50

An honest slip: the classifier is never trained and the parameter count is short by its 2049 × classes
values. The grader cannot set a tensor it is not told about, so the same-function comparison cannot be
carried out: the task loses points, is flagged for review, and grading finishes inside the task budget
(the mapping search once enumerated ~10^13 candidates here).
"""
import torch
from torch import nn
import torch.nn.functional as F


class ResNeXt50(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                                  nn.MaxPool2d(3, 2, 1))
        blocks, channels = [], 64
        for stage, count in enumerate([3, 4, 6, 3]):
            out = 256 * 2 ** stage
            blocks += [ResNeXtBlock(channels if index == 0 else out, out, 32, 4 * 2 ** stage,
                                    2 if stage > 0 and index == 0 else 1) for index in range(count)]
            channels = out
        self.blocks = nn.Sequential(*blocks)
        self.classifier_weight = torch.randn(num_classes, channels) * channels ** -0.5
        self.classifier_bias = torch.zeros(num_classes)

    def forward(self, x):
        x = torch.flatten(F.adaptive_avg_pool2d(self.blocks(self.stem(x)), 1), 1)
        return x @ self.classifier_weight.t() + self.classifier_bias
