"""No ReLU between the second BN and the second conv.

TASK: PreActBlock
MISTAKE: 第二個 BN 與第二個卷積之間少了 ReLU | the block with no ReLU between the second BN and the second conv
"""
import torch

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def forward(self, x):
        pre = torch.relu(self.norm1(x))
        out = self.conv2(self.norm2(self.conv1(pre)))
        return out + (x if self.shortcut_conv is None else self.shortcut_conv(pre))
