"""InceptionBlock whose pool branch has no 1×1 projection: branch D is the pooled input itself.

TASK: InceptionBlock
MISTAKE: 池化分支少了 1×1 投影 | the block whose pool branch has no 1×1 projection

Branch D then has in_channels channels instead of pool_proj. Expected to fail: output_shape,
parameter_count and the checks after them.
"""
import torch
import torch.nn.functional as F


class InceptionBlock(InceptionBlock):
    """The correct example's block without its pool projection."""

    def __init__(self, in_channels, filter_list):
        super().__init__(in_channels, filter_list)
        del self.d

    def forward(self, x):
        a = F.relu(self.a(x))
        b = F.relu(self.b(F.relu(self.b_reduce(x))))
        c = F.relu(self.c(F.relu(self.c_reduce(x))))
        d = F.max_pool2d(x, 3, stride=1, padding=1)
        return torch.cat([a, b, c, d], dim=1)
