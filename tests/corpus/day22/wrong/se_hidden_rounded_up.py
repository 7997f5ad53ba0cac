"""SEModule rounding the bottleneck up: ceil(C / r) units instead of C // r.

TASK: SEModule
MISTAKE: 瓶頸寬度無條件進位為 ceil(C / r) | the module whose bottleneck has ceil(C / r) units instead of C // r
"""
from torch import nn

_SEModule = SEModule


class SEModule(_SEModule):
    def __init__(self, channels, reduction=16):
        super().__init__(channels, reduction)
        hidden = max(1, -(-channels // reduction))   # ceil, not floor
        self.fc1, self.fc2 = nn.Linear(channels, hidden), nn.Linear(hidden, channels)
