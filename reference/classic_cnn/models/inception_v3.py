"""Inception v3 (Szegedy et al. 2015, "Rethinking the Inception Architecture", Table 1).

torchvision's ``inception_v3`` is this network, so the layout and parameter names are
torchvision's (``Conv2d_1a_3x3 … Mixed_7c AuxLogits fc``) and its state_dict loads as it is.
The auxiliary head is optional (``aux_logits``); the default leaves it out, the convention of
the published parameter counts and of timm.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
import torch.nn as nn

from ..blocks.conv_norm_act import ConvBNReLU
from ..blocks.inception_v3 import (InceptionV3A, InceptionV3Aux, InceptionV3B, InceptionV3C, InceptionV3D,
                                   InceptionV3E)
from ..registry import Figure, register_model

__all__ = ["InceptionV3", "InceptionV3Outputs", "inception_v3"]


class InceptionV3Outputs(NamedTuple):
    logits: torch.Tensor
    aux_logits: torch.Tensor


class InceptionV3(nn.Module):
    """Stem of five convs and two max pools (299 → 35), 3× A, B, 4× C, D, 2× E, global pool, dropout, fc.

    With ``aux_logits=True`` the auxiliary head on Mixed_6e is built and, in ``train()`` mode only,
    ``forward`` returns ``InceptionV3Outputs(logits, aux_logits)``.
    """

    def __init__(self, num_classes: int = 1000, aux_logits: bool = False, dropout: float = 0.5) -> None:
        super().__init__()
        self.aux_logits = aux_logits
        self.Conv2d_1a_3x3 = ConvBNReLU(3, 32, 3, stride=2)
        self.Conv2d_2a_3x3 = ConvBNReLU(32, 32, 3)
        self.Conv2d_2b_3x3 = ConvBNReLU(32, 64, 3, padding=1)
        self.maxpool1 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Conv2d_3b_1x1 = ConvBNReLU(64, 80, 1)
        self.Conv2d_4a_3x3 = ConvBNReLU(80, 192, 3)
        self.maxpool2 = nn.MaxPool2d(kernel_size=3, stride=2)
        self.Mixed_5b = InceptionV3A(192, pool_features=32)
        self.Mixed_5c = InceptionV3A(256, pool_features=64)
        self.Mixed_5d = InceptionV3A(288, pool_features=64)
        self.Mixed_6a = InceptionV3B(288)
        self.Mixed_6b = InceptionV3C(768, channels_7x7=128)
        self.Mixed_6c = InceptionV3C(768, channels_7x7=160)
        self.Mixed_6d = InceptionV3C(768, channels_7x7=160)
        self.Mixed_6e = InceptionV3C(768, channels_7x7=192)
        self.AuxLogits = InceptionV3Aux(768, num_classes) if aux_logits else None
        self.Mixed_7a = InceptionV3D(768)
        self.Mixed_7b = InceptionV3E(1280)
        self.Mixed_7c = InceptionV3E(2048)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(2048, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor | InceptionV3Outputs:
        for stem in (self.Conv2d_1a_3x3, self.Conv2d_2a_3x3, self.Conv2d_2b_3x3, self.maxpool1,
                     self.Conv2d_3b_1x1, self.Conv2d_4a_3x3, self.maxpool2):
            x = stem(x)
        x = self.Mixed_5d(self.Mixed_5c(self.Mixed_5b(x)))
        x = self.Mixed_6a(x)
        x = self.Mixed_6e(self.Mixed_6d(self.Mixed_6c(self.Mixed_6b(x))))
        aux = self.AuxLogits(x) if self.AuxLogits is not None and self.training else None
        x = self.Mixed_7c(self.Mixed_7b(self.Mixed_7a(x)))
        logits = self.fc(torch.flatten(self.dropout(self.avgpool(x)), 1))
        return InceptionV3Outputs(logits, aux) if aux is not None else logits


_RETHINKING = "Szegedy et al. 2015, Rethinking the Inception Architecture for Computer Vision"
_OURS = "classic_cnn reference = torchvision inception_v3"

INCEPTION_V3_FIGURES: tuple[Figure, ...] = (
    Figure(23_834_568, "params", f"{_OURS}, no aux head (timm inception_v3 too)", True),
    Figure(27_161_264, "params", f"{_OURS}, aux_logits=True (torchvision's weights=None default)", True),
    Figure(5_713_216_096, "MACs", f"{_OURS}, 299x299", True),
    Figure(25e6, "params", f"{_RETHINKING}, abstract ('less than 25 million')", False,
           note="an upper bound; the network without its aux head has 23.8 M"),
    Figure(5e9, "MACs", f"{_RETHINKING}, abstract ('5 billion multiply-adds')", False,
           note="the paper's round figure, counting unstated; the released network computes 5.71 G at 299x299"),
    Figure(23_851_784, "params", "Keras applications InceptionV3", False,
           note="Keras' BN has no gamma (scale=False) but counts moving mean/var: -17,216 + 2 x 17,216"),
    Figure(23_626_728, "params", "Chollet 2017 (Xception), Table 3", False,
           note="207,840 below the released network; no BN or aux convention explains it (another build)"),
    Figure(78.8, "top1", f"{_RETHINKING}, Table 3: 21.2% top-1 error (single crop, 299x299)", False),
)


@register_model("inception_v3", family="Inception", published=INCEPTION_V3_FIGURES,
                canonical_input=(3, 299, 299), twin="torchvision:inception_v3",
                twin_kwargs={"aux_logits": False, "init_weights": False})
def inception_v3(**kwargs) -> InceptionV3:
    return InceptionV3(**kwargs)
