"""The projection shortcut reads the raw input x instead of the pre-activation.

TASK: PreActBlock
MISTAKE: 投影捷徑讀原始輸入 x 而非預激活 | the block whose projection shortcut reads the raw input x instead of the pre-activation
"""
import torch

_PreActBlock = PreActBlock


class PreActBlock(_PreActBlock):
    def forward(self, x):
        out = self.conv2(torch.relu(self.norm2(self.conv1(torch.relu(self.norm1(x))))))
        return out + (x if self.shortcut_conv is None else self.shortcut_conv(x))
