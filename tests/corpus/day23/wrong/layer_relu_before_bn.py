"""I put the ReLU before the batch norm (ReLU → BN → conv).

TASK: DenseLayer
MISTAKE: ReLU 放在 BN 之前 | the layer with the ReLU before the batch norm
"""
import torch
import torch.nn.functional as F


class DenseLayer(DenseLayer):
    def forward(self, x):
        new = self.conv1(self.norm1(F.relu(x)))
        if self.bottleneck is not None:
            new = self.conv2(self.norm2(F.relu(new)))
        return torch.cat([x, new], dim=1)
