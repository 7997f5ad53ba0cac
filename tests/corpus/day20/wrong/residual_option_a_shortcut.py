"""Parameter-free option-A shortcut (subsample and zero-pad) where the shape changes.

TASK: ResidualBlock
MISTAKE: 用不含參數的 A 型捷徑（取樣加補零） | the block with a parameter-free option-A shortcut (subsample and zero-pad)
"""
from torch import nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.stride, self.extra = stride, out_channels - in_channels

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.pad_shortcut(x))


    def pad_shortcut(self, x):
        # option A: subsample and zero-pad the channels, no parameters
        x = x[:, :, ::self.stride, ::self.stride]
        if self.extra > 0:
            x = F.pad(x, (0, 0, 0, 0, 0, self.extra))
        return x[:, :x.shape[1] + min(self.extra, 0)] if self.extra < 0 else x
