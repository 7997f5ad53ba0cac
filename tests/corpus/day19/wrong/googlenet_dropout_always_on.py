"""GoogLeNet calling F.dropout(x, 0.4) in forward: training=True by default, so dropout also runs in eval().

TASK: GoogLeNet

Expected to fail: same_function (compared in eval mode, where dropout must be off).
"""
import torch
import torch.nn.functional as F

_GoogLeNet = GoogLeNet


class GoogLeNet(_GoogLeNet):
    def forward(self, x):
        x = self.stage5(self.stage4(self.stage3(self.stem(x))))
        return self.fc(F.dropout(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1), 0.4))
