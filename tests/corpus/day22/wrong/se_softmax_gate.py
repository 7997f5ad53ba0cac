"""SEModule normalising the gate with a softmax over the channels.

TASK: SEModule
MISTAKE: 以通道上的 softmax 產生閘值 | the module that gates with a softmax over the channels
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        squeezed = x.mean(dim=(2, 3))
        return x * torch.softmax(self.fc2(F.relu(self.fc1(squeezed))), dim=1).unsqueeze(-1).unsqueeze(-1)
