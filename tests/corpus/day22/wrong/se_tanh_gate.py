"""SEModule gating with tanh instead of sigmoid.

TASK: SEModule
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        hidden = F.relu(self.fc1(x.mean(dim=(2, 3))))
        return x * torch.tanh(self.fc2(hidden)).view(*x.shape[:2], 1, 1)
