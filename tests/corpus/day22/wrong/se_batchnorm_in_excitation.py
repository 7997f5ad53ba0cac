"""SEModule with a BatchNorm1d in the excitation: mixes the batch in train mode.

TASK: SEModule
MISTAKE: 激發部分多了 BatchNorm1d | the module with a BatchNorm1d in the excitation
"""
import torch
from torch import nn
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def __init__(self, channels, reduction=16):
        super().__init__(channels, reduction)
        self.norm = nn.BatchNorm1d(self.fc1.out_features)

    def forward(self, x):
        s = torch.sigmoid(self.fc2(F.relu(self.norm(self.fc1(x.mean(dim=(2, 3)))))))
        return x * s.view(*s.shape, 1, 1)
