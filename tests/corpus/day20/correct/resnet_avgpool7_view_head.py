"""ResNet with old torchvision's head: nn.AvgPool2d(7, stride=1) and x.view(x.size(0), -1).

TASK: ResNet

At the papers' 224x224 input layer4's map is 7x7, so the pool is global average pooling and the
network is the reference's. At the grader's 32x32 comparison input the map is 1x1 and the pool
raises ("Output size is too small"): same_function must then compare at 224x224, where the
network was written to run, instead of failing the network and every figure premised on it.
Every other task is the reference-like one; the test grades this file on every task.

GRADE: all
"""
from torch import nn

ExampleResNet = ResNet   # the correct example's network, which this entry overlays


class ResNet(ExampleResNet):
    def __init__(self, depth, num_classes=1000):
        super().__init__(depth, num_classes)
        self.avgpool = nn.AvgPool2d(7, stride=1)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = self.avgpool(x)
        return self.fc(x.view(x.size(0), -1))
