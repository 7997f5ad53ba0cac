"""LeNet-5 as LeCun et al. 1998 (Gradient-Based Learning Applied to Document Recognition, Sec. II.B) built it.

The paper's network, not the modern simplification: trainable subsampling (one coefficient and one
bias per map), the sparse C3 connection table of Table I, the scaled tanh ``1.7159 tanh(2a/3)`` and an
RBF output layer whose 10 x 84 prototypes are fixed (a buffer, not a parameter). That gives the
paper's 60,000 trainable parameters exactly: C1 156 + S2 12 + C3 1,516 + S4 32 + C5 48,120 + F6 10,164.
"""

from __future__ import annotations

from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..registry import Figure, register_model

__all__ = ["LeNet5", "Subsampling", "SparseConv", "RBFOutput", "C3_TABLE", "lenet5"]

# Table I: the S2 maps (0-5) that each C3 map (0-15) reads. Six maps see 3 neighbours, six see 4
# neighbours, three see 4 non-neighbours, one sees all six: 60 connections, symmetry broken on purpose.
C3_TABLE: tuple[tuple[int, ...], ...] = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 0), (5, 0, 1),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (3, 4, 5, 0), (4, 5, 0, 1), (5, 0, 1, 2),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)


class ScaledTanh(nn.Module):
    """``A tanh(S a)`` with A = 1.7159 and S = 2/3 (Appendix A): f(1) = 1 and f(-1) = -1."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 1.7159 * torch.tanh(x * (2.0 / 3.0))


class Subsampling(nn.Module):
    """S2/S4: each unit adds its 2x2 window, times a trainable coefficient, plus a trainable bias.

    Two parameters per map; the sum is an average pool times four, so it costs no multiply-accumulates
    in the conv/linear convention the zoo counts in.
    """

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        window_sum = F.avg_pool2d(x, 2) * 4
        return window_sum * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


class SparseConv(nn.Module):
    """A convolution where output map ``j`` reads only the input maps ``table[j]``.

    Output maps that read the same number of inputs form one grouped conv over the gathered inputs,
    so the parameters and multiply-accumulates are exactly those of the connections in the table
    (a dense conv with a zero mask would count the missing ones too).
    """

    def __init__(self, table: tuple[tuple[int, ...], ...], kernel_size: int) -> None:
        super().__init__()
        self.table = table
        fan_ins = sorted({len(inputs) for inputs in table})
        self.convs = nn.ModuleList()
        self.order: list[int] = []  # output map index of each grouped conv's outputs, concatenated
        for fan_in in fan_ins:
            maps = [j for j, inputs in enumerate(table) if len(inputs) == fan_in]
            gather = torch.tensor([i for j in maps for i in table[j]])
            self.register_buffer(f"gather_{fan_in}", gather, persistent=False)
            self.convs.append(nn.Conv2d(len(gather), len(maps), kernel_size, groups=len(maps)))
            self.order.extend(maps)
        self.register_buffer("unpermute", torch.argsort(torch.tensor(self.order)), persistent=False)
        self.fan_ins = fan_ins

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        parts = [conv(x.index_select(1, getattr(self, f"gather_{fan_in}")))
                 for fan_in, conv in zip(self.fan_ins, self.convs)]
        return torch.cat(parts, dim=1).index_select(1, self.unpermute)


class RBFOutput(nn.Module):
    """Euclidean RBF units: output ``i`` is ``sum_j (x_j - w_ij)^2``, a penalty (lower = more likely).

    The paper fixes the prototypes by hand to +-1 stylised 7x12 bitmaps of the characters and never
    trains them; the bitmaps are not published as numbers, so the default is a fixed, seeded +-1
    code of the same shape. Load the bitmaps into the ``prototypes`` buffer to use them.
    """

    def __init__(self, in_features: int = 84, num_classes: int = 10) -> None:
        super().__init__()
        signs = torch.randint(0, 2, (num_classes, in_features), generator=torch.Generator().manual_seed(1998))
        self.register_buffer("prototypes", signs.float() * 2 - 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x.unsqueeze(1) - self.prototypes).pow(2).sum(dim=-1)


class LeNet5(nn.Module):
    """LeNet-5 on a 1 x 32 x 32 input (MNIST's 28 x 28 digits padded to 32, as in the paper)."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.features = nn.Sequential(
            OrderedDict(
                c1=nn.Conv2d(1, 6, 5),  # 32 -> 28
                act1=ScaledTanh(),
                s2=Subsampling(6),  # 28 -> 14
                act2=ScaledTanh(),
                c3=SparseConv(C3_TABLE, 5),  # 14 -> 10
                act3=ScaledTanh(),
                s4=Subsampling(16),  # 10 -> 5
                act4=ScaledTanh(),
                c5=nn.Conv2d(16, 120, 5),  # 5 -> 1: a conv, so larger inputs give a map of C5 units
                act5=ScaledTanh(),
            )
        )
        self.flatten = nn.Flatten(1)
        self.f6 = nn.Linear(120, 84)
        self.act6 = ScaledTanh()
        self.output = RBFOutput(84, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.act6(self.f6(self.flatten(self.features(x)))))


_LECUN_1998 = "LeCun et al. 1998, Gradient-Based Learning Applied to Document Recognition, Sec. II.B"
_EXACT = "classic_cnn reference (paper layout: sparse C3, trainable subsampling, fixed RBF output)"


@register_model(
    "lenet5",
    family="LeNet",
    canonical_input=(1, 32, 32),
    num_classes=10,
    published=(
        Figure(60_000, "params", f"{_EXACT}; the paper's own per-layer counts sum to it", True),
        Figure(60_000, "params", f'{_LECUN_1998}: "60,000 trainable parameters"', False),
        Figure(325_680, "MACs", f"{_EXACT}, 32x32, conv and linear weights only", True),
        Figure(340_908, "MACs", f"{_LECUN_1998}: 340,908 connections", False,
               note="the paper counts connections: the conv/linear biases (+6,508), the "
                    "subsampling layers' window inputs and biases (+5,880 + 2,000) and the RBF "
                    "layer's 840 distances, none of them a conv or linear multiply-accumulate"),
    ),
)
def lenet5(**kwargs) -> LeNet5:
    return LeNet5(**kwargs)
