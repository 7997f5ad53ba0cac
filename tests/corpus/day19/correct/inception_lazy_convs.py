"""InceptionBlock written with nn.LazyConv2d, as a textbook does: input channels are inferred on the first forward pass.

TASK: InceptionBlock
GRADE: all

Expected: full marks on every task.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        self.p1 = nn.LazyConv2d(n1, kernel_size=1)
        self.p2_1 = nn.LazyConv2d(r3, kernel_size=1)
        self.p2_2 = nn.LazyConv2d(n3, kernel_size=3, padding=1)
        self.p3_1 = nn.LazyConv2d(r5, kernel_size=1)
        self.p3_2 = nn.LazyConv2d(n5, kernel_size=5, padding=2)
        self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.p4_2 = nn.LazyConv2d(pp, kernel_size=1)

    def forward(self, x):
        p1 = F.relu(self.p1(x))
        p2 = F.relu(self.p2_2(F.relu(self.p2_1(x))))
        p3 = F.relu(self.p3_2(F.relu(self.p3_1(x))))
        p4 = F.relu(self.p4_2(self.p4_1(x)))
        return torch.cat((p1, p2, p3, p4), dim=1)
