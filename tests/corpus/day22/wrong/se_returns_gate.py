"""SEModule returning the gate s itself instead of the scaled input.

TASK: SEModule
MISTAKE: 回傳閘值 s 本身 | the module that returns the gate s instead of the scaled input
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        excitation = self.fc2(F.relu(self.fc1(x.mean(dim=(2, 3)))))
        return torch.sigmoid(excitation)[..., None, None]   # the gate itself, not x scaled by it
