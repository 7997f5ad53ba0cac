"""ResNeXt50 with AvgPool2d(7) and nn.Flatten, and a torchvision-like layer1..layer4.

TASK: ResNeXt50
BASE: correct/group_conv_split_with_explicit_groups_one.py
"""
from torch import nn


class ResNeXt50(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.inplanes = 64
        self.layer1 = self._make_layer(256, 4, 3, 1)
        self.layer2 = self._make_layer(512, 8, 4, 2)
        self.layer3 = self._make_layer(1024, 16, 6, 2)
        self.layer4 = self._make_layer(2048, 32, 3, 2)
        self.head = nn.Sequential(nn.AvgPool2d(7), nn.Flatten(), nn.Linear(2048, num_classes))

    def _make_layer(self, out, group_width, blocks, stride):
        layers = [ResNeXtBlock(self.inplanes, out, 32, group_width, stride)]
        layers += [ResNeXtBlock(out, out, 32, group_width) for _ in range(blocks - 1)]
        self.inplanes = out
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.head(x)
