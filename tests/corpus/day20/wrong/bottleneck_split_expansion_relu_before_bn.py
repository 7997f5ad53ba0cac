"""BottleneckBlock whose expansion 1×1 is two half convs concatenated, with a ReLU on the halves before the last BN.

TASK: BottleneckBlock
BASE: correct/bottleneck_split_expansion_halves.py

The split layout maps onto the reference's one expansion conv, so the comparison is carried out
and shows the extra ReLU (the reference normalises the expansion's raw output).
"""
import torch
import torch.nn.functional as F


class BottleneckBlock(BottleneckBlock):
    """The split expansion of correct/bottleneck_split_expansion_halves.py; only the forward differs."""

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(F.relu(torch.cat([self.expand_low(y), self.expand_high(y)], dim=1)))
        return F.relu(y + self.shortcut(x))
