"""InceptionBlock that concatenates the branches in the order D, A, B, C.

TASK: InceptionBlock

Expected to fail: same_function and gradients (the channels come out in the wrong places).
"""
import torch

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def forward(self, x):
        out = super().forward(x)
        pool_branch = self.d.out_channels   # the last channels: moved to the front
        return torch.cat([out[:, -pool_branch:], out[:, :-pool_branch]], dim=1)
