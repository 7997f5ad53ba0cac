"""My pointwise stage is an nn.Linear over the channel axis (channels-last).

TASK: DepthwiseSeparableConv
"""
from torch import nn
import torch.nn.functional as F

class DepthwiseSeparableConv(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.dw = nn.Conv2d(in_channels, in_channels, 3, stride=stride, padding=1, groups=in_channels, bias=False)
        self.norm_dw = nn.BatchNorm2d(in_channels)
        self.pw = nn.Linear(in_channels, out_channels, bias=False)
        self.norm_pw = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        x = F.relu(self.norm_dw(self.dw(x)))
        x = self.pw(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        return F.relu(self.norm_pw(x))
