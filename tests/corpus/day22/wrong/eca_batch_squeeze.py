"""ECA averaging over the batch as well: one gate for every sample.

TASK: ECAModule
MISTAKE: 連批次一起平均：整批共用一個閘 | the module that averages over the batch too (one gate for the whole batch)
"""
import torch


class ECAModule(ECAModule):
    def forward(self, x):
        n, c = x.shape[:2]
        y = x.mean(dim=(0, 2, 3)).view(1, 1, c).expand(n, 1, c)   # one squeeze for the whole batch
        return x * torch.sigmoid(self.conv(y)).view(n, c, 1, 1)
