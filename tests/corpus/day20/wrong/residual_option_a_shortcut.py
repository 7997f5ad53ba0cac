"""Parameter-free option-A shortcut (subsample and zero-pad) where the shape changes.

TASK: ResidualBlock
MISTAKE: 用不含參數的 A 型捷徑（取樣加補零） | the block with a parameter-free option-A shortcut (subsample and zero-pad)
"""
import torch
from torch import nn
import torch.nn.functional as F

_ResidualBlock = ResidualBlock


class ResidualBlock(_ResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.downsample = None
        self.stride, self.extra = stride, out_channels - in_channels

    def forward(self, x):
        return torch.relu(nn.Sequential(*list(self)[:5])(x) + self.pad_shortcut(x))

    def pad_shortcut(self, x):
        # option A: subsample and zero-pad the channels, no parameters
        x = x[:, :, ::self.stride, ::self.stride]
        if self.extra > 0:
            x = F.pad(x, (0, 0, 0, 0, 0, self.extra))
        return x[:, :x.shape[1] + min(self.extra, 0)] if self.extra < 0 else x
