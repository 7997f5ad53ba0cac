"""ResNet with old torchvision's AvgPool2d(7) head, and no ReLU after the stem's BN.

TASK: ResNet
BASE: correct/resnet_avgpool7_view_head.py

The head raises at the grader's 32x32 comparison input, so same_function compares at 224x224;
there the missing stem ReLU must still fail it: the fallback to the papers' input grades the
network, it does not excuse it.
"""


class ResNet(ResNet):
    def forward(self, x):
        features = self.layer4(self.layer3(self.layer2(self.layer1(self.maxpool(self.bn1(self.conv1(x)))))))
        return self.fc(self.avgpool(features).view(len(x), -1))
