"""InceptionBlock that concatenates the branches in the order D, A, B, C.

TASK: InceptionBlock
MISTAKE: 以 D、A、B、C 的順序串接分支 | the block that concatenates its branches in the order D, A, B, C

Expected to fail: same_function and gradients (the channels come out in the wrong places).
"""
import torch

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def forward(self, x):
        out = super().forward(x)
        pool_branch = self.d.out_channels   # the last channels: moved to the front
        return torch.cat([out[:, -pool_branch:], out[:, :-pool_branch]], dim=1)
