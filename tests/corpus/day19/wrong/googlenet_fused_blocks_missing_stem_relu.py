"""GoogLeNet from fused-1×1 InceptionBlocks (a correct block) without the ReLU after the stem's 1×1 conv.

TASK: GoogLeNet

Shapes, counts and MACs are right; the fused blocks map slice by slice onto the reference's convs, and
same_function sees the missing ReLU (the figures are then not credited either).
Expected to fail: same_function.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.split = (n1, r3, r5)
        self.fused = nn.Conv2d(in_channels, n1 + r3 + r5, 1)
        self.b = nn.Conv2d(r3, n3, 3, padding=1)
        self.c = nn.Conv2d(r5, n5, 5, padding=2)
        self.d = nn.Conv2d(in_channels, pp, 1)

    def forward(self, x):
        a, b, c = torch.split(F.relu(self.fused(x)), self.split, dim=1)
        b = F.relu(self.b(b))
        c = F.relu(self.c(c))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)


class GoogLeNet(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2, ceil_mode=True),
            nn.Conv2d(64, 64, 1),
            nn.Conv2d(64, 192, 3, padding=1), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, 2, ceil_mode=True))
        self.stage3 = nn.Sequential(InceptionBlock(192, [64, 96, 128, 16, 32, 32]),
                                    InceptionBlock(256, [128, 128, 192, 32, 96, 64]),
                                    nn.MaxPool2d(3, 2, ceil_mode=True))
        self.stage4 = nn.Sequential(InceptionBlock(480, [192, 96, 208, 16, 48, 64]),
                                    InceptionBlock(512, [160, 112, 224, 24, 64, 64]),
                                    InceptionBlock(512, [128, 128, 256, 24, 64, 64]),
                                    InceptionBlock(512, [112, 144, 288, 32, 64, 64]),
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
