"""ECA padding the channel sequence circularly: the first and last channels see each other.

TASK: ECAModule
MISTAKE: 通道序列做循環補值 | the module that pads the channel sequence circularly
"""
from torch import nn


class ECAModule(ECAModule):
    def __init__(self, channels, k_size=3):
        super().__init__(channels, k_size)
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, padding_mode='circular', bias=False)
