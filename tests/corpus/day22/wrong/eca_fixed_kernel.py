"""ECA ignoring k_size: always a 3-tap conv.

TASK: ECAModule
MISTAKE: 忽略 k_size，一律用 3 個係數的卷積 | the module that ignores k_size (always a 3-tap conv)
"""
from torch import nn

_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def __init__(self, channels, k_size=3):
        super().__init__(channels, k_size)
        self.conv = nn.Conv1d(1, 1, 3, padding=1, bias=False)   # k_size ignored
