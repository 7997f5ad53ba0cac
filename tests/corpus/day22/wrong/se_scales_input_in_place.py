"""SEModule scaling its input in place (x.mul_).

TASK: SEModule
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        n, c = x.shape[:2]
        gate = torch.sigmoid(self.fc2(F.relu(self.fc1(x.mean(dim=(2, 3))))))
        return x.mul_(gate.view(n, c, 1, 1))
