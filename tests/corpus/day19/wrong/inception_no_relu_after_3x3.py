"""InceptionBlock without the ReLU after the 3×3 conv of branch B.

TASK: InceptionBlock
MISTAKE: 3×3 卷積後少了 ReLU | the block with no ReLU after the 3×3 conv

Expected to fail: same_function and gradients.
"""
import torch
import torch.nn.functional as F

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def forward(self, x):
        pooled = F.max_pool2d(x, 3, stride=1, padding=1)
        branches = [F.relu(self.a(x)), self.b(F.relu(self.b_reduce(x))),   # no ReLU after the 3×3 conv
                    F.relu(self.c(F.relu(self.c_reduce(x)))), F.relu(self.d(pooled))]
        return torch.cat(branches, dim=1)
