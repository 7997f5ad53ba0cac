"""SEModule without the squeeze: 1×1 convs gate every pixel on its own.

TASK: SEModule
MISTAKE: 少了壓縮：逐像素產生閘值 | the module without the squeeze (a gate for every pixel)
"""
import torch
from torch import nn
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def __init__(self, channels, reduction=16):
        super().__init__(channels, reduction)
        hidden = self.fc1.out_features   # 1x1 convs over the whole map: no squeeze at all
        self.fc1, self.fc2 = nn.Conv2d(channels, hidden, 1), nn.Conv2d(hidden, channels, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(x))))
