"""Inception v4 (Szegedy et al. 2016, Fig. 9): stem, 4× Inception-A, Reduction-A, 7× Inception-B,
Reduction-B, 3× Inception-C, average pool, dropout (keep 0.8), softmax.

The layout and parameter names are timm's ``inception_v4`` (``features.0 … features.21``,
``last_linear``), a port of the released TensorFlow model, so timm's state_dict loads as it is.
There is no auxiliary head (TF-slim's optional one is not part of Fig. 9).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from ..blocks.conv_norm_act import ConvBNReLU
from ..blocks.inception_v4 import (REDUCTION_A_WIDTHS, InceptionV4A, InceptionV4B, InceptionV4C,
                                   InceptionV4ReductionB, ReductionA, StemMixed3a, StemMixed4a, StemMixed5a)
from ..registry import Figure, register_model

__all__ = ["InceptionV4", "inception_v4"]


class InceptionV4(nn.Module):
    """``features`` (a 22-entry ``nn.Sequential``: three stem convs, the stem's three mixed modules,
    then the 16 modules of Fig. 9) → global average pool → dropout → ``last_linear``."""

    def __init__(self, num_classes: int = 1000, dropout: float = 0.2) -> None:
        super().__init__()
        self.features = nn.Sequential(
            ConvBNReLU(3, 32, 3, stride=2),  # 299 -> 149
            ConvBNReLU(32, 32, 3),  # -> 147
            ConvBNReLU(32, 64, 3, padding=1),
            StemMixed3a(),  # -> 73x73x160
            StemMixed4a(),  # -> 71x71x192
            StemMixed5a(),  # -> 35x35x384
            *[InceptionV4A() for _ in range(4)],
            ReductionA(384, *REDUCTION_A_WIDTHS["inception_v4"]),  # -> 17x17x1024
            *[InceptionV4B() for _ in range(7)],
            InceptionV4ReductionB(),  # -> 8x8x1536
            *[InceptionV4C() for _ in range(3)],
        )
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.head_drop = nn.Dropout(dropout)
        self.last_linear = nn.Linear(1536, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.global_pool(self.features(x)), 1)
        return self.last_linear(self.head_drop(x))


_V4_PAPER = "Szegedy et al. 2016, Inception-v4, Inception-ResNet and the Impact of Residual Connections"
_OURS = "classic_cnn reference = timm inception_v4 (the released TensorFlow layout)"

INCEPTION_V4_FIGURES: tuple[Figure, ...] = (
    Figure(42_679_816, "params", f"{_OURS}, 1000 classes", True),
    Figure(12_253_974_624, "MACs", f"{_OURS}, 299x299", True),
    Figure(43e6, "params", "course seed table ('~43M'; the paper itself prints no count)", False,
           note="rounded; 42,681,353 with the 1001-class (background) head of the TF checkpoints"),
    Figure(80.0, "top1", f"{_V4_PAPER}, Table 2: 20.0% top-1 error (single crop, single model)", False),
)


@register_model("inception_v4", family="Inception", published=INCEPTION_V4_FIGURES,
                canonical_input=(3, 299, 299), twin="timm:inception_v4")
def inception_v4(**kwargs) -> InceptionV4:
    return InceptionV4(**kwargs)
