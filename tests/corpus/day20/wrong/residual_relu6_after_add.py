"""I clipped the block's output with ReLU6 after the addition.

TASK: ResidualBlock

ReLU6 equals ReLU until an activation passes 6, which drawn inputs and fan-in-scaled weights rarely
reach: same_function's run on an input scaled up must see the clip.
"""
import torch.nn.functional as F


class ResidualBlock(ResidualBlock):
    def forward(self, x):
        out = x
        for layer in list(self)[:5]:
            out = layer(out)
        return F.relu6(out + (x if self.downsample is None else self.downsample(x)))
