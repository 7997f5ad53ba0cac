"""BN-Inception's module (Ioffe & Szegedy 2015, "Batch Normalization", Sec. 4.1 and Fig. 5).

Against GoogLeNet's module it changes three things: every conv is followed by BatchNorm (and has
no bias), the 5×5 branch becomes two stacked 3×3 convs ("double 3×3"), and the pool branch is an
average or a max pool. The stride-2 modules (3c, 4e) have no 1×1 branch and no pool projection:
their max pool passes the input straight through, so they reduce the grid while widening it.

A ``filters`` row is Fig. 5's six numbers in its column order:
``[#1x1, #3x3 reduce, #3x3, double #3x3 reduce, double #3x3, pool proj]``, with 0 for "none".
"""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn as nn

from .conv_norm_act import ConvBNReLU

__all__ = ["BNInceptionModule"]


class BNInceptionModule(nn.Module):
    """Up to four branches concatenated: 1×1 | 1×1 → 3×3 | 1×1 → 3×3 → 3×3 | pool [→ 1×1 proj].

    ``pool`` is ``"avg"`` or ``"max"``; ``stride=2`` makes the module a grid reduction (no 1×1
    branch and no projection allowed then: the pooled input is concatenated as it is).
    """

    def __init__(self, in_channels: int, filters: Sequence[int], pool: str = "avg", stride: int = 1,
                 eps: float = 1e-5) -> None:
        super().__init__()
        if len(filters) != 6:
            raise ValueError(f"filters needs Fig. 5's six numbers, got {list(filters)}")
        n1, r3, n3, rd, nd, proj = (int(f) for f in filters)
        if pool not in ("avg", "max"):
            raise ValueError(f"pool must be 'avg' or 'max', got {pool!r}")
        if stride not in (1, 2):
            raise ValueError(f"stride must be 1 or 2, got {stride}")
        if stride == 2 and (n1 or proj):
            raise ValueError("a stride-2 module has no 1x1 branch and no pool projection (use 0 for both)")
        if stride == 1 and not (n1 and proj):
            raise ValueError("a stride-1 module needs its 1x1 branch and its pool projection")

        self.branch1x1 = ConvBNReLU(in_channels, n1, 1, eps=eps) if n1 else None
        self.branch3x3 = nn.Sequential(ConvBNReLU(in_channels, r3, 1, eps=eps),
                                       ConvBNReLU(r3, n3, 3, stride=stride, padding=1, eps=eps))
        self.branch3x3dbl = nn.Sequential(ConvBNReLU(in_channels, rd, 1, eps=eps),
                                          ConvBNReLU(rd, nd, 3, padding=1, eps=eps),
                                          ConvBNReLU(nd, nd, 3, stride=stride, padding=1, eps=eps))
        # Stride 1 pools keep the size; the stride 2 pool rounds up as Caffe did (28 -> 14, 14 -> 7).
        pool_class = nn.AvgPool2d if pool == "avg" else nn.MaxPool2d
        pool_layer = pool_class(3, stride=stride, padding=1 if stride == 1 else 0, ceil_mode=stride == 2)
        self.branch_pool = nn.Sequential(pool_layer, ConvBNReLU(in_channels, proj, 1, eps=eps)) if proj else pool_layer
        self.in_channels = in_channels
        self.filters = (n1, r3, n3, rd, nd, proj)
        self.stride = stride
        self.out_channels = n1 + n3 + nd + (proj or in_channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs = [self.branch3x3(x), self.branch3x3dbl(x), self.branch_pool(x)]
        if self.branch1x1 is not None:
            outputs.insert(0, self.branch1x1(x))
        return torch.cat(outputs, dim=1)
