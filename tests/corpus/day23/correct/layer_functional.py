"""I wrote the layer functionally with my own weight and BN tensors.

TASK: DenseLayer
"""
import torch
from torch import nn
import torch.nn.functional as F

class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth_rate, bottleneck=4):
        super().__init__()
        self.stages = []
        widths = [in_channels] + ([bottleneck * growth_rate] if bottleneck is not None else [])
        kernels = ([1, 3] if bottleneck is not None else [3])
        outs = widths[1:] + [growth_rate]
        for i, (cin, cout, k) in enumerate(zip(widths, outs, kernels)):
            setattr(self, f"gamma{i}", nn.Parameter(torch.ones(cin)))
            setattr(self, f"beta{i}", nn.Parameter(torch.zeros(cin)))
            self.register_buffer(f"mean{i}", torch.zeros(cin))
            self.register_buffer(f"var{i}", torch.ones(cin))
            setattr(self, f"w{i}", nn.Parameter(torch.randn(cout, cin, k, k) * 0.1))
            self.stages.append(k)

    def forward(self, x):
        h = x
        for i, k in enumerate(self.stages):
            h = F.batch_norm(h, getattr(self, f"mean{i}"), getattr(self, f"var{i}"), getattr(self, f"gamma{i}"),
                             getattr(self, f"beta{i}"), self.training, 0.1, 1e-5)
            h = F.conv2d(F.relu(h), getattr(self, f"w{i}"), padding=k // 2)
        return torch.cat((x, h), 1)
