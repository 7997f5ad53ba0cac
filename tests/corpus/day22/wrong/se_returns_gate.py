"""SEModule returning the gate s itself instead of the scaled input.

TASK: SEModule
"""
import torch
import torch.nn.functional as F

_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        excitation = self.fc2(F.relu(self.fc1(x.mean(dim=(2, 3)))))
        return torch.sigmoid(excitation)[..., None, None]   # the gate itself, not x scaled by it
