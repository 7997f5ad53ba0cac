"""ReLU after the last BN, before the addition, and none after it.

TASK: BottleneckBlock
MISTAKE: ReLU 放在相加之前而非之後 | the block with the ReLU before the addition instead of after it
"""
import torch

_BottleneckBlock = BottleneckBlock


class BottleneckBlock(_BottleneckBlock):
    def forward(self, x):
        shortcut, main = self.branches
        return torch.relu(main(x)) + shortcut(x)
