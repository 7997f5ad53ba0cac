"""My excitation's hidden layer uses ReLU6.

TASK: SEModule

ReLU6 equals ReLU until an activation passes 6, which drawn inputs and fan-in-scaled weights rarely
reach: same_function's run on an input scaled up must see the clip.
"""
import torch
import torch.nn.functional as F


class SEModule(SEModule):
    def forward(self, x):
        n, c = x.shape[:2]
        s = torch.sigmoid(self.fc2(F.relu6(self.fc1(x.mean(dim=(2, 3))))))
        return x * s.view(n, c, 1, 1)
