"""ECA whose 1-D conv has a bias.

TASK: ECAModule
MISTAKE: 一維卷積多了偏差項 | the module whose 1-D conv has a bias
"""
from torch import nn

_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def __init__(self, channels, k_size=3):
        super().__init__(channels, k_size)
        self.conv = nn.Conv1d(1, 1, k_size, padding=k_size // 2, bias=True)
