"""InceptionBlock in functional style: nn.Parameter tensors in ParameterLists and F.conv2d in forward.

TASK: InceptionBlock

Weights are registered first, then biases, in an order unlike the reference's. Expected: full marks.
"""
import torch
from torch import nn
import torch.nn.functional as F


class InceptionBlock(nn.Module):
    # (input, output, kernel) per conv: 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, r3, n3, r5, n5, pp = filter_list
        layers = [(in_channels, n1, 1), (in_channels, r3, 1), (r3, n3, 3),
                  (in_channels, r5, 1), (r5, n5, 5), (in_channels, pp, 1)]
        self.weights = nn.ParameterList()
        self.biases = nn.ParameterList()
        for cin, cout, k in layers:
            conv = nn.Conv2d(cin, cout, k)  # only for its default initialisation
            self.weights.append(nn.Parameter(conv.weight.detach().clone()))
        for cin, cout, k in layers:
            self.biases.append(nn.Parameter(torch.zeros(cout)))

    def _conv(self, i, x):
        w = self.weights[i]
        return torch.relu(F.conv2d(x, w, self.biases[i], padding=w.shape[-1] // 2))

    def forward(self, x):
        a = self._conv(0, x)
        b = self._conv(2, self._conv(1, x))
        c = self._conv(4, self._conv(3, x))
        d = self._conv(5, F.max_pool2d(x, kernel_size=3, stride=1, padding=1))
        return torch.cat([a, b, c, d], dim=1)
