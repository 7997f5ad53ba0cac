"""GoogLeNet built from an InceptionBlock whose forward computes branches D, C, B, A and concatenates A, B, C, D.

TASK: GoogLeNet

The block is the correct example's with its four branch lines in reverse order; the network is the
same function with the same parameters as the reference (bit-identical output once the reference's
weights are copied in by structure). In blocks 3b and 4c the #1x1 conv and the #3x3 reduce have the
same weight shape, so their first-use order differs from the reference's. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(InceptionBlock):
    """The correct example's block; only the order of the branch lines differs."""

    def forward(self, x):
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        a = F.relu(self.a(x))
        return torch.cat([a, b, c, d], dim=1)


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
