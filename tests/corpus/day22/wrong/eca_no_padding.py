"""ECA without padding: k_size - 1 gates too few.

TASK: ECAModule
MISTAKE: 一維卷積沒有補值 | the module whose 1-D conv has no padding
"""
from torch import nn

_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def __init__(self, channels, k_size=3):
        super().__init__(channels, k_size)
        self.conv = nn.Conv1d(1, 1, k_size, bias=False)
