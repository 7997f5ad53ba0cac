"""SEModule squeezing with a global max pool instead of the mean.

TASK: SEModule
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(x.amax(dim=(2, 3))))))
        return x * s[:, :, None, None]
