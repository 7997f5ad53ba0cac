"""SEModule with hidden = channels // reduction: no unit at all when C < r.

TASK: SEModule
MISTAKE: 瓶頸寬度 C // r 沒有取 max(1, ·) | the module with C // r hidden units and no max(1, ·)
"""
from torch import nn

_SEModule = SEModule


class SEModule(_SEModule):
    def __init__(self, channels, reduction=16):
        super().__init__(channels, reduction)
        hidden = channels // reduction   # 0 when channels < reduction
        self.fc1 = nn.Linear(channels, hidden)
        self.fc2 = nn.Linear(hidden, channels)
