"""GoogLeNet with MaxPool2d(3, 2, padding=1) pools, AvgPool2d(7) and a functional forward.

TASK: GoogLeNet

padding=1 gives the same 56/28/14/7 maps as ceil_mode=True; AvgPool2d(7) equals global average
pooling on the 7×7 map. Every other task is the reference-like one; the test grades this file on
every task.

GRADE: all
"""
import torch
from torch import nn
import torch.nn.functional as F


class GoogLeNet(nn.Module):
    ROWS = [("3a", 192, [64, 96, 128, 16, 32, 32]), ("3b", 256, [128, 128, 192, 32, 96, 64]), "pool",
            ("4a", 480, [192, 96, 208, 16, 48, 64]), ("4b", 512, [160, 112, 224, 24, 64, 64]),
            ("4c", 512, [128, 128, 256, 24, 64, 64]), ("4d", 512, [112, 144, 288, 32, 64, 64]),
            ("4e", 528, [256, 160, 320, 32, 128, 128]), "pool",
            ("5a", 832, [256, 160, 320, 32, 128, 128]), ("5b", 832, [384, 192, 384, 48, 128, 128])]

    def __init__(self, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)
        self.conv2 = nn.Conv2d(64, 64, kernel_size=1)
        self.conv3 = nn.Conv2d(64, 192, kernel_size=3, padding=1)
        self.blocks = nn.ModuleList()
        for row in self.ROWS:
            if row == "pool":
                self.blocks.append(nn.MaxPool2d(3, 2, padding=1))
            else:
                self.blocks.append(InceptionBlock(row[1], row[2]))
        self.avgpool = nn.AvgPool2d(7)
        self.dropout = nn.Dropout(p=0.4)
        self.classifier = nn.Linear(1024, num_classes)

    def forward(self, x):
        x = F.max_pool2d(torch.relu(self.conv1(x)), 3, 2, padding=1)
        x = F.relu(self.conv3(F.relu(self.conv2(x))))
        x = F.max_pool2d(x, 3, 2, padding=1)
        for block in self.blocks:
            x = block(x)
        x = self.avgpool(x).flatten(1)
        return self.classifier(self.dropout(x))
