"""I reused the name x for the activated input, so that is what I concatenate.

TASK: DenseLayer
MISTAKE: 串接的是激活後的輸入而非 x | the layer that concatenates the activated input instead of x
"""
import torch
import torch.nn.functional as F


class DenseLayer(DenseLayer):
    def forward(self, x):
        x = F.relu(self.norm1(x))
        new = self.conv1(x)
        if self.bottleneck is not None:
            new = self.conv2(F.relu(self.norm2(new)))
        return torch.cat([x, new], dim=1)
