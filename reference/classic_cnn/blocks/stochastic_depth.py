"""Stochastic depth as Huang et al. 2016 define it: during training each residual block is kept
for the whole mini-batch with its survival probability ``p_l`` (else the block is the identity);
at test time its residual branch is scaled by ``p_l``.

torchvision's ``StochasticDepth`` and timm's ``DropPath`` instead drop per sample and divide the
kept branches by ``p_l`` during training ("inverted"), so their test-time network is unscaled:
the same expectation, different weights at test time. Both are here: ``SurvivalGate`` for the
paper's CIFAR networks, ``StochasticDepth`` (per sample, inverted) for the mobile families whose
twins use it.
"""

from __future__ import annotations

import torch
import torch.nn as nn

__all__ = ["survival_probabilities", "SurvivalGate", "StochasticDepth"]


def survival_probabilities(num_blocks: int, last: float = 0.5, schedule: str = "linear") -> list[float]:
    """``p_l`` for blocks ``l = 1..L``: the paper's linear decay ``1 - l/L·(1 - p_L)`` (block L
    survives with ``p_L``), or ``"uniform"`` (every block ``p_L``)."""
    if not 0.0 < last <= 1.0:
        raise ValueError(f"the last block's survival probability must be in (0, 1], got {last}")
    if schedule == "linear":
        return [1.0 - (layer / num_blocks) * (1.0 - last) for layer in range(1, num_blocks + 1)]
    if schedule == "uniform":
        return [last] * num_blocks
    raise ValueError(f"schedule must be 'linear' or 'uniform', got {schedule!r}")


class SurvivalGate(nn.Module):
    """Applied to a residual branch: in training, the branch or zeros (one draw per forward); in
    eval, the branch times ``survival``. No parameters."""

    def __init__(self, survival: float) -> None:
        super().__init__()
        self.survival = survival

    def forward(self, branch: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return branch * self.survival
        keep = torch.rand((), device=branch.device) < self.survival
        return branch if bool(keep) else torch.zeros_like(branch)

    def extra_repr(self) -> str:
        return f"survival={self.survival:.4f}"


class StochasticDepth(nn.Module):
    """Drop the whole residual branch of a sample with probability ``p`` in training (rescaling the
    survivors by 1/(1-p)); the identity in eval. Huang et al. 2016, per sample as in EfficientNet."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x
        survival = 1.0 - self.p
        keep = torch.empty((x.shape[0],) + (1,) * (x.dim() - 1), dtype=x.dtype, device=x.device)
        return x * keep.bernoulli_(survival).div_(survival)

    def extra_repr(self) -> str:
        return f"p={self.p}"
