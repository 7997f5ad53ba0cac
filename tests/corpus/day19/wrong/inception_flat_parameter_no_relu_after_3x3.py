"""InceptionBlock that keeps every weight in one flat nn.Parameter and forgets the ReLU after the 3×3 conv.

TASK: InceptionBlock

The flat tensor cannot be matched with the reference's tensors, so the same-function comparison cannot
be carried out: the task must lose those points (and everything premised on them) and be flagged for
review, never be credited.
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
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.layout = [(n1, in_channels, 1), (r3, in_channels, 1), (n3, r3, 3), (r5, in_channels, 1),
                       (n5, r5, 5), (pp, in_channels, 1)]
        total = sum(o * i * k * k + o for o, i, k in self.layout)
        self.flat = nn.Parameter(torch.randn(total) * 0.05)

    def _layers(self):
        start = 0
        for o, i, k in self.layout:
            weight = self.flat[start:start + o * i * k * k].view(o, i, k, k)
            start += o * i * k * k
            yield weight, self.flat[start:start + o]
            start += o

    def forward(self, x):
        (wa, ba), (wb1, bb1), (wb2, bb2), (wc1, bc1), (wc2, bc2), (wd, bd) = self._layers()
        a = F.relu(F.conv2d(x, wa, ba))
        b = F.conv2d(F.relu(F.conv2d(x, wb1, bb1)), wb2, bb2, padding=1)
        c = F.relu(F.conv2d(F.relu(F.conv2d(x, wc1, bc1)), wc2, bc2, padding=2))
        d = F.relu(F.conv2d(F.max_pool2d(x, 3, 1, 1), wd, bd))
        return torch.cat([a, b, c, d], dim=1)
