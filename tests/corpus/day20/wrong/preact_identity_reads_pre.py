"""The identity shortcut carries the pre-activation ReLU(BN(x)) instead of x.

TASK: PreActBlock
"""
import torch

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def forward(self, x):
        pre = torch.relu(self.norm1(x))
        out = self.conv2(torch.relu(self.norm2(self.conv1(pre))))
        return out + (pre if self.shortcut_conv is None else self.shortcut_conv(pre))
