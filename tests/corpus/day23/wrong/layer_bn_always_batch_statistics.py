"""My dense layer calls F.batch_norm with training=True, so it always uses the batch's statistics.

TASK: DenseLayer
FAILS: preactivation_order
SAYS: training=True

In eval mode the layer ignores its running mean and variance: another function, and the order
check's silencing (running statistics set to 100) does not silence it. Its message must name this
cause beside a missing ReLU.
"""
import torch
import torch.nn.functional as F


class DenseLayer(DenseLayer):
    @staticmethod
    def _batch_normalised(bn, x):
        return F.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, True, bn.momentum, bn.eps)

    def forward(self, x):
        new = self.conv1(self.relu(self._batch_normalised(self.norm1, x)))
        if self.bottleneck is not None:
            new = self.conv2(self.relu(self._batch_normalised(self.norm2, new)))
        return torch.cat([x, new], dim=1)
