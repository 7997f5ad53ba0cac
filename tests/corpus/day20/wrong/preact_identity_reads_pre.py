"""The identity shortcut carries the pre-activation ReLU(BN(x)) instead of x.

TASK: PreActBlock
MISTAKE: 恆等捷徑傳的是 ReLU(BN(x)) 而非 x | the block whose identity shortcut carries ReLU(BN(x)) instead of x
"""
import torch

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def forward(self, x):
        pre = torch.relu(self.norm1(x))
        out = self.conv2(torch.relu(self.norm2(self.conv1(pre))))
        return out + (pre if self.shortcut_conv is None else self.shortcut_conv(pre))
