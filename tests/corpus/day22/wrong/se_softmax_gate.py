"""SEModule normalising the gate with a softmax over the channels.

TASK: SEModule
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        squeezed = x.mean(dim=(2, 3))
        return x * torch.softmax(self.fc2(F.relu(self.fc1(squeezed))), dim=1).unsqueeze(-1).unsqueeze(-1)
