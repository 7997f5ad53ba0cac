"""Post-activation order inside the branch: conv -> BN -> ReLU -> conv -> BN, with the first BN on the output.

TASK: PreActBlock
MISTAKE: 分支內用後激活順序（卷積→BN→ReLU） | the block with the post-activation order inside its branch
"""
import torch
from torch import nn

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        self.norm1 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        shortcut = x if self.shortcut_conv is None else self.shortcut_conv(x)
        out = self.norm2(self.conv2(torch.relu(self.norm1(self.conv1(x)))))
        return out + shortcut
