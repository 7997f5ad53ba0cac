"""GoogLeNet with a typo in row 4d of Table 1: #5×5 reduce 24 instead of 32.

TASK: GoogLeNet

Every block keeps its output shape. Expected to fail: parameter_count, macs and same_function.
"""
import torch
from torch import nn
import torch.nn.functional as F


class GoogLeNet(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2, ceil_mode=True),
            nn.Conv2d(64, 64, 1), nn.ReLU(inplace=True),
            nn.Conv2d(64, 192, 3, padding=1), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2, ceil_mode=True))
        self.stage3 = nn.Sequential(InceptionBlock(192, [64, 96, 128, 16, 32, 32]),
                                    InceptionBlock(256, [128, 128, 192, 32, 96, 64]),
                                    nn.MaxPool2d(3, 2, ceil_mode=True))
        self.stage4 = nn.Sequential(InceptionBlock(480, [192, 96, 208, 16, 48, 64]),
                                    InceptionBlock(512, [160, 112, 224, 24, 64, 64]),
                                    InceptionBlock(512, [128, 128, 256, 24, 64, 64]),
                                    InceptionBlock(512, [112, 144, 288, 24, 64, 64]),
                                    InceptionBlock(528, [256, 160, 320, 32, 128, 128]),
                                    nn.MaxPool2d(3, 2, ceil_mode=True))
        self.stage5 = nn.Sequential(InceptionBlock(832, [256, 160, 320, 32, 128, 128]),
                                    InceptionBlock(832, [384, 192, 384, 48, 128, 128]))
        self.dropout = nn.Dropout(0.4)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x):
        x = self.stage5(self.stage4(self.stage3(self.stem(x))))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(self.dropout(x))
