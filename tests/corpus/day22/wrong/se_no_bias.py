"""SEModule whose FC layers have no bias.

TASK: SEModule
MISTAKE: 全連接層沒有偏差項 | the module whose FC layers have no bias
"""
from torch import nn


class SEModule(SEModule):
    def __init__(self, channels, reduction=16):
        super().__init__(channels, reduction)
        self.fc1 = nn.Linear(self.fc1.in_features, self.fc1.out_features, bias=False)
        self.fc2 = nn.Linear(self.fc2.in_features, self.fc2.out_features, bias=False)
