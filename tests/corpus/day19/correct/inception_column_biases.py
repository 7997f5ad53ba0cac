"""InceptionBlock keeping its kernels in ParameterList/ParameterDict, with biases stored as (n, 1) columns and (1, n, 1, 1).

TASK: InceptionBlock
"""
import torch
from torch import nn
import torch.nn.functional as F


def conv1x1(in_channels, out_channels):
    return nn.Conv2d(in_channels, out_channels, kernel_size=1)


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return kh * kw * in_channels * out_channels + (out_channels if bias else 0)


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.a = nn.Conv2d(in_channels, n1, 1)
        self.b_reduce = nn.Conv2d(in_channels, r3, 1)
        self.b = nn.Conv2d(r3, n3, 3, padding=1)
        self.c_reduce = nn.Conv2d(in_channels, r5, 1)
        self.c = nn.Conv2d(r5, n5, 5, padding=2)
        self.d = nn.Conv2d(in_channels, pp, 1)

    def forward(self, x):
        a = F.relu(self.a(x))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.relu(self.d(F.max_pool2d(x, 3, stride=1, padding=1)))
        return torch.cat([a, b, c, d], dim=1)


def inception_macs(in_channels, filter_list, height, width):
    n1, r3, n3, r5, n5, pp = filter_list
    hw = height * width
    return hw * (in_channels * n1 + in_channels * r3 + 9 * r3 * n3 + in_channels * r5 + 25 * r5 * n5
                 + in_channels * pp)


class FactorizedConv(nn.Module):
    def __init__(self, in_channels, out_channels, n):
        super().__init__()
        self.row = nn.Conv2d(in_channels, out_channels, (1, n), padding=(0, n // 2))
        self.col = nn.Conv2d(out_channels, out_channels, (n, 1), padding=(n // 2, 0))

    def forward(self, x):
        return F.relu(self.col(F.relu(self.row(x))))


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


# --- the variation ------------------------------------------------------------
import math

import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        shapes = [(n1, in_channels, 1), (r3, in_channels, 1), (n3, r3, 3), (r5, in_channels, 1), (n5, r5, 5),
                  (pp, in_channels, 1)]
        self.kernels = nn.ParameterList(
            [nn.Parameter(torch.randn(o, i, k, k) / math.sqrt(i * k * k)) for o, i, k in shapes])
        self.biases = nn.ParameterDict({
            "a": nn.Parameter(torch.zeros(n1, 1)), "b1": nn.Parameter(torch.zeros(1, r3, 1, 1)),
            "b2": nn.Parameter(torch.zeros(n3, 1)), "c1": nn.Parameter(torch.zeros(1, r5, 1, 1)),
            "c2": nn.Parameter(torch.zeros(n5, 1)), "d": nn.Parameter(torch.zeros(1, pp, 1, 1))})

    def _conv(self, x, index, key):
        weight = self.kernels[index]
        bias = self.biases[key].reshape(1, -1, 1, 1)
        return F.conv2d(x, weight, padding=weight.shape[-1] // 2) + bias

    def forward(self, x):
        a = F.relu(self._conv(x, 0, "a"))
        b = F.relu(self._conv(F.relu(self._conv(x, 1, "b1")), 2, "b2"))
        c = F.relu(self._conv(F.relu(self._conv(x, 3, "c1")), 4, "c2"))
        d = F.relu(self._conv(F.max_pool2d(x, 3, 1, 1), 5, "d"))
        return torch.cat([a, b, c, d], 1)
