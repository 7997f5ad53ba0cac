"""I wrote the depthwise conv as one F.conv2d per channel on its own slice.

TASK: DepthwiseSeparableConv
"""
import torch
from torch import nn
import torch.nn.functional as F

class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.stride = stride
        self.dw_weight = nn.Parameter(torch.randn(in_channels, 1, 3, 3) * 0.3)
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.pw_weight = nn.Parameter(torch.randn(out_channels, in_channels, 1, 1) * 0.3)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        per_channel = [F.conv2d(x[:, c:c + 1], self.dw_weight[c:c + 1], stride=self.stride, padding=1)
                       for c in range(x.shape[1])]
        x = F.relu(self.bn1(torch.cat(per_channel, 1)))
        return F.relu(self.bn2(F.conv2d(x, self.pw_weight)))
