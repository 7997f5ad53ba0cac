"""EfficientNet-B0…B7 (Tan & Le 2019): the B0 baseline of Table 1 scaled by compound coefficients.

torchvision's parameter layout. Width φ_w rounds every channel count to a multiple of 8; depth φ_d
multiplies each stage's repeats and rounds up; the resolution is the registry's canonical input.
"""

from __future__ import annotations

import math
from functools import partial
from typing import NamedTuple

import torch
import torch.nn as nn

from ..blocks.mobile import MBConv, conv_bn_act, make_divisible
from ..registry import register_model
from ._figures import library_and_paper

__all__ = ["EfficientNet", "B0_STAGES", "MBConvStage", "SCALING"]


class MBConvStage(NamedTuple):
    """One row of Table 1 (stages 2-8): expansion, kernel, first stride, in/out channels, repeats."""

    expand: int
    kernel: int
    stride: int
    in_channels: int
    out_channels: int
    repeats: int


B0_STAGES: tuple[MBConvStage, ...] = tuple(MBConvStage(*row) for row in (
    (1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3),
    (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1),
))


class Scaling(NamedTuple):
    width: float
    depth: float
    resolution: int
    dropout: float


SCALING: dict[str, Scaling] = {
    "b0": Scaling(1.0, 1.0, 224, 0.2), "b1": Scaling(1.0, 1.1, 240, 0.2), "b2": Scaling(1.1, 1.2, 260, 0.3),
    "b3": Scaling(1.2, 1.4, 300, 0.3), "b4": Scaling(1.4, 1.8, 380, 0.4), "b5": Scaling(1.6, 2.2, 456, 0.4),
    "b6": Scaling(1.8, 2.6, 528, 0.5), "b7": Scaling(2.0, 3.1, 600, 0.5),
}


class EfficientNet(nn.Module):
    """conv 3×3/2 → MBConv stages → 1×1 conv (4× the last width) → pool → dropout → fc.

    ``drop_path`` is the stochastic-depth rate of the last block; earlier blocks get a linearly
    smaller one. ``bn_eps``/``bn_momentum``: torchvision keeps TensorFlow's 1e-3/0.01 for B5-B7
    (weights ported from TensorFlow) and PyTorch's 1e-5/0.1 below; the parameters are the same.
    """

    def __init__(self, width: float = 1.0, depth: float = 1.0, num_classes: int = 1000, dropout: float = 0.2,
                 drop_path: float = 0.2, bn_eps: float = 1e-5, bn_momentum: float = 0.1) -> None:
        super().__init__()
        norm = partial(nn.BatchNorm2d, eps=bn_eps, momentum=bn_momentum)
        stages = [stage._replace(in_channels=make_divisible(stage.in_channels * width),
                                 out_channels=make_divisible(stage.out_channels * width),
                                 repeats=math.ceil(stage.repeats * depth)) for stage in B0_STAGES]
        total_blocks = sum(stage.repeats for stage in stages)
        layers: list[nn.Module] = [conv_bn_act(3, stages[0].in_channels, 3, 2, activation=nn.SiLU, norm=norm)]
        block_index = 0
        for stage in stages:
            blocks = []
            for i in range(stage.repeats):
                in_channels = stage.in_channels if i == 0 else stage.out_channels
                blocks.append(MBConv(in_channels, stage.out_channels, stage.kernel, stage.stride if i == 0 else 1,
                                     make_divisible(in_channels * stage.expand), activation=nn.SiLU,
                                     se_hidden=max(1, in_channels // 4), se_activation=nn.SiLU, norm=norm,
                                     drop_path=drop_path * block_index / total_blocks))
                block_index += 1
            layers.append(nn.Sequential(*blocks))
        head = 4 * stages[-1].out_channels
        layers.append(conv_bn_act(stages[-1].out_channels, head, 1, activation=nn.SiLU, norm=norm))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(head, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x).mean((2, 3)))


# torchvision params and MACs at the paper's resolution; the paper's Table 2 params and FLOPs.
_FIGURES = {
    "b0": (5_288_548, 385_814_752, 5.3e6, 0.39e9), "b1": (7_794_184, 686_802_832, 7.8e6, 0.70e9),
    "b2": (9_109_994, 993_561_872, 9.2e6, 1.0e9), "b3": (12_233_232, 1_827_141_392, 12e6, 1.8e9),
    "b4": (19_341_616, 4_393_771_024, 19e6, 4.2e9), "b5": (30_389_784, 10_266_384_752, 30e6, 9.9e9),
    "b6": (43_040_704, 19_067_593_536, 43e6, 19e9), "b7": (66_347_960, 37_745_884_192, 66e6, 37e9),
}
_NOTES = {
    "b2": ("the paper's 9.2M matches a Keras-style count (BN moving statistics included: 9,177,569)", ""),
    "b4": ("", "4.6% above the paper's 4.2B (unresolved: the paper's B4/B5 FLOPs look low)"),
    "b5": ("", "3.7% above the paper's 9.9B (unresolved: the paper's B4/B5 FLOPs look low)"),
}


def _register(variant: str) -> None:
    scaling = SCALING[variant]
    params, macs, paper_params, paper_macs = _FIGURES[variant]
    params_note, macs_note = _NOTES.get(variant, ("", ""))
    tensorflow_bn = {"bn_eps": 1e-3, "bn_momentum": 0.01} if variant in ("b5", "b6", "b7") else {}

    def build(num_classes: int = 1000, **kwargs) -> EfficientNet:
        options = {"dropout": scaling.dropout, **tensorflow_bn} | kwargs
        return EfficientNet(scaling.width, scaling.depth, num_classes, **options)

    register_model(f"efficientnet_{variant}", family="EfficientNet", twin=f"torchvision:efficientnet_{variant}",
                   canonical_input=(3, scaling.resolution, scaling.resolution),
                   published=library_and_paper(params, macs, f"torchvision efficientnet_{variant}", paper_params,
                                               paper_macs, "Tan & Le 2019, Table 2", params_note, macs_note))(build)


for _variant in SCALING:
    _register(_variant)
