"""InceptionBlock writing its branches into a pre-allocated x.new_empty output, with in-place ReLUs.

TASK: InceptionBlock

The in-place ReLUs touch only the block's own intermediates (nn.ReLU(inplace=True), .relu_(),
torch.relu_), never the input. Expected: full marks.
"""
import torch
from torch import nn


class InceptionBlock(InceptionBlock):
    """The correct example's convs, a pool and an in-place ReLU as modules, and a preallocated output."""

    def __init__(self, in_channels, filter_list):
        super().__init__(in_channels, filter_list)
        self.sizes = [filter_list[0], filter_list[2], filter_list[4], filter_list[5]]
        self.pool = nn.MaxPool2d(3, stride=1, padding=1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        n, _, h, w = x.shape
        out = x.new_empty(n, sum(self.sizes), h, w)
        s1, s2, s3 = self.sizes[0], self.sizes[0] + self.sizes[1], self.sizes[0] + self.sizes[1] + self.sizes[2]
        out[:, :s1] = self.relu(self.a(x))
        out[:, s1:s2] = self.b(self.b_reduce(x).relu_()).relu_()
        out[:, s2:s3] = torch.relu_(self.c(self.relu(self.c_reduce(x))))
        out[:, s3:] = self.relu(self.d(self.pool(x)))
        return out
