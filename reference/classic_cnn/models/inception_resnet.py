"""Inception-ResNet v1 and v2 (Szegedy et al. 2016, "Inception-v4, Inception-ResNet and the Impact
of Residual Connections on Learning").

- ``inception_resnet_v2`` is the released network (TF-slim, ported by timm as
  ``inception_resnet_v2``), with timm's layout and names so its state_dict loads as it is. It differs
  from the paper's Fig. 15 schema in two documented ways: its stem is Inception v3's stem plus a
  35×35 Inception module (``mixed_5b``, 320 channels) instead of Fig. 3's 384-channel stem, and it
  repeats the residual modules 10/20/10 times instead of 5/10/5 (the last C module unscaled and
  without ReLU). The paper's v2 cannot be built as printed anyway: with Fig. 3's stem the 17×17
  grid has 384 + 384 + 384 = 1152 channels but Fig. 17's linear 1×1 is 1154 wide, and Reduction-B
  gives 1152 + 384 + 288 + 320 = 2144 channels where Fig. 19's is 2048 wide. The release settles
  both (1088 and 2080 channels, a 1536-channel 1×1 conv before the pool).
- ``inception_resnet_v1`` follows the paper: Fig. 14's stem, 5× A, Reduction-A (k, l, m, n =
  192, 192, 256, 384), 10× B, Reduction-B, 5× C. No library builds it (facenet-pytorch's
  ``InceptionResnetV1`` is a 512-d face-embedding network), so it uses the same names as v2.
"""

from __future__ import annotations

from typing import Sequence

import torch
import torch.nn as nn

from ..blocks.conv_norm_act import ConvBNReLU
from ..blocks.inception_resnet import (INCEPTION_RESNET_V1_WIDTHS, InceptionResNetA, InceptionResNetB,
                                       InceptionResNetC, InceptionResNetReductionB)
from ..blocks.inception_v4 import REDUCTION_A_WIDTHS, ReductionA
from ..registry import Figure, register_model

__all__ = ["InceptionResNet", "inception_resnet_v1", "inception_resnet_v2"]

# Residual scales of the A, B and C modules: the released v2's values (the paper: "between 0.1 and 0.3").
_SCALES = (0.17, 0.10, 0.20)


class _Mixed5b(nn.Module):
    """v2's 35×35 stem module: 1×1 96 | 1×1 48 → 5×5 64 | 1×1 64 → 3×3 96 → 3×3 96 | avg pool → 1×1 64."""

    def __init__(self, in_channels: int = 192) -> None:
        super().__init__()
        self.branch0 = ConvBNReLU(in_channels, 96, 1)
        self.branch1 = nn.Sequential(ConvBNReLU(in_channels, 48, 1), ConvBNReLU(48, 64, 5, padding=2))
        self.branch2 = nn.Sequential(ConvBNReLU(in_channels, 64, 1), ConvBNReLU(64, 96, 3, padding=1),
                                     ConvBNReLU(96, 96, 3, padding=1))
        self.branch3 = nn.Sequential(nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False),
                                     ConvBNReLU(in_channels, 64, 1))
        self.out_channels = 96 + 64 + 96 + 64

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)], dim=1)


class InceptionResNet(nn.Module):
    """Stem → ``repeat`` (A modules) → ``mixed_6a`` (Reduction-A) → ``repeat_1`` (B) → ``mixed_7a``
    (Reduction-B) → ``repeat_2`` (C) [→ ``block8`` → ``conv2d_7b``, v2 only] → average pool → dropout → fc.

    ``version`` is 1 or 2; ``repeats`` overrides the number of A, B, C modules.
    """

    def __init__(self, version: int = 2, num_classes: int = 1000, dropout: float = 0.2,
                 repeats: Sequence[int] | None = None) -> None:
        super().__init__()
        if version not in (1, 2):
            raise ValueError(f"version must be 1 or 2, got {version!r}")
        self.version = version
        scale_a, scale_b, scale_c = _SCALES
        self.conv2d_1a = ConvBNReLU(3, 32, 3, stride=2)  # 299 -> 149
        self.conv2d_2a = ConvBNReLU(32, 32, 3)  # -> 147
        self.conv2d_2b = ConvBNReLU(32, 64, 3, padding=1)
        self.maxpool_3a = nn.MaxPool2d(3, stride=2)  # -> 73
        self.conv2d_3b = ConvBNReLU(64, 80, 1)
        self.conv2d_4a = ConvBNReLU(80, 192, 3)  # -> 71
        if version == 1:
            n_a, n_b, n_c = repeats or (5, 10, 5)
            self.conv2d_4b = ConvBNReLU(192, 256, 3, stride=2)  # -> 35x35x256 (Fig. 14)
            widths = INCEPTION_RESNET_V1_WIDTHS
            self.repeat = nn.Sequential(*[InceptionResNetA(256, **widths["A"], scale=scale_a) for _ in range(n_a)])
            self.mixed_6a = ReductionA(256, *REDUCTION_A_WIDTHS["inception_resnet_v1"])  # -> 17x17x896
            self.repeat_1 = nn.Sequential(*[InceptionResNetB(896, **widths["B"], scale=scale_b) for _ in range(n_b)])
            self.mixed_7a = InceptionResNetReductionB(896, **widths["reduction_B"])  # -> 8x8x1792
            self.repeat_2 = nn.Sequential(*[InceptionResNetC(1792, **widths["C"], scale=scale_c) for _ in range(n_c)])
            self.num_features = 1792
        else:
            n_a, n_b, n_c = repeats or (10, 20, 10)
            self.maxpool_5a = nn.MaxPool2d(3, stride=2)  # -> 35
            self.mixed_5b = _Mixed5b(192)  # -> 35x35x320
            self.repeat = nn.Sequential(*[InceptionResNetA(320, scale=scale_a) for _ in range(n_a)])
            self.mixed_6a = ReductionA(320, *REDUCTION_A_WIDTHS["inception_resnet_v2"])  # -> 17x17x1088
            self.repeat_1 = nn.Sequential(*[InceptionResNetB(1088, scale=scale_b) for _ in range(n_b)])
            self.mixed_7a = InceptionResNetReductionB(1088)  # -> 8x8x2080
            # The released model's last C module is separate: unscaled, and no ReLU before conv2d_7b.
            self.repeat_2 = nn.Sequential(*[InceptionResNetC(2080, scale=scale_c) for _ in range(n_c - 1)])
            self.block8 = InceptionResNetC(2080, scale=1.0, activate=False)
            self.conv2d_7b = ConvBNReLU(2080, 1536, 1)
            self.num_features = 1536
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.head_drop = nn.Dropout(dropout)
        # timm names v2's classifier ``classif``; v1 (no library) uses the same name for symmetry.
        self.classif = nn.Linear(self.num_features, num_classes)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool_3a(self.conv2d_2b(self.conv2d_2a(self.conv2d_1a(x))))
        x = self.conv2d_4a(self.conv2d_3b(x))
        x = self.conv2d_4b(x) if self.version == 1 else self.mixed_5b(self.maxpool_5a(x))
        x = self.repeat_2(self.mixed_7a(self.repeat_1(self.mixed_6a(self.repeat(x)))))
        if self.version == 2:
            x = self.conv2d_7b(self.block8(x))
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.global_pool(self.forward_features(x)), 1)
        return self.classif(self.head_drop(x))


_PAPER = "Szegedy et al. 2016, Inception-v4, Inception-ResNet and the Impact of Residual Connections"

INCEPTION_RESNET_V1_FIGURES: tuple[Figure, ...] = (
    Figure(22_756_328, "params", "classic_cnn reference (paper Figs. 7, 10-15; conv+BN, biased linear 1x1s)", True),
    Figure(6_206_361_696, "MACs", "classic_cnn reference, 299x299", True),
    Figure(78.7, "top1", f"{_PAPER}, Table 2: 21.3% top-1 error (single crop, single model)", False),
)

INCEPTION_RESNET_V2_FIGURES: tuple[Figure, ...] = (
    Figure(55_843_464, "params", "classic_cnn reference = timm inception_resnet_v2 (released TF-slim layout)", True),
    Figure(13_155_794_016, "MACs", "classic_cnn reference = timm inception_resnet_v2, 299x299", True),
    Figure(55_873_736, "params", "Keras applications InceptionResNetV2", False,
           note="Keras' BN has no gamma (scale=False) but counts moving mean/var: +1 per BN channel (30,272)"),
    Figure(11.75e9, "MACs", "Hu et al. 2018, Squeeze-and-Excitation Networks, Table 2 ('GFLOPs')", False,
           note="11% below the released network's 13.16 G at 299x299; the counting behind it is not stated"),
    Figure(80.1, "top1", f"{_PAPER}, Table 2: 19.9% top-1 error (single crop, single model)", False),
)


@register_model("inception_resnet_v1", family="Inception", published=INCEPTION_RESNET_V1_FIGURES,
                canonical_input=(3, 299, 299))
def inception_resnet_v1(**kwargs) -> InceptionResNet:
    return InceptionResNet(version=1, **kwargs)


@register_model("inception_resnet_v2", family="Inception", published=INCEPTION_RESNET_V2_FIGURES,
                canonical_input=(3, 299, 299), twin="timm:inception_resnet_v2")
def inception_resnet_v2(**kwargs) -> InceptionResNet:
    return InceptionResNet(version=2, **kwargs)
