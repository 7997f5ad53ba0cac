"""SEModule squeezing over the batch too: one gate for the whole batch.

TASK: SEModule
MISTAKE: 連批次一起平均：整批共用一個閘 | the module that averages over the batch too (one gate for the whole batch)
"""
import torch
import torch.nn.functional as F


class SEModule(SEModule):
    def forward(self, x):
        n, c = x.shape[:2]
        z = x.mean(dim=(0, 2, 3)).expand(n, c)   # the whole batch's mean, for every sample
        return x * torch.sigmoid(self.fc2(F.relu(self.fc1(z)))).view(n, c, 1, 1)
