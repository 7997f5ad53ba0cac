"""RepVGG A0-A2 and B0-B3 (Ding et al. 2021, "RepVGG: Making VGG-style ConvNets Great Again").

A plain stack of 3×3 RepVGG blocks: the stem (one block, stride 2) and four stages whose first block
has stride 2 (Table 2: A has 1/2/4/14/1 layers, B 1/4/6/16/1; widths 64a, 128a, 256a, 512b).
``g4`` variants make every second layer of a stage (the paper's layers 2, 4, 6, … of the network)
a 4-group conv. timm's parameter layout; ``deploy=True`` builds the fused inference form directly,
:meth:`RepVGG.reparameterize` converts a trained one.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
import torch.nn as nn

from ..blocks.repvgg import RepVGGBlock
from ..registry import Figure, register_model

__all__ = ["RepVGG", "REPVGGS", "A_DEPTHS", "B_DEPTHS"]

A_DEPTHS = (2, 4, 14, 1)
B_DEPTHS = (4, 6, 16, 1)
_BASE_WIDTHS = (64, 128, 256, 512)


class RepVGG(nn.Module):
    def __init__(self, depths: tuple[int, ...], multipliers: tuple[float, float], groups: int = 1,
                 num_classes: int = 1000, deploy: bool = False) -> None:
        super().__init__()
        a, b = multipliers
        widths = [int(w * m) for w, m in zip(_BASE_WIDTHS, (a, a, a, b))]
        channels = min(64, int(64 * a))
        self.stem = RepVGGBlock(3, channels, 2, deploy=deploy)
        stages = []
        for depth, width in zip(depths, widths):
            blocks = []
            for i in range(depth):
                # the paper's odd-numbered layers of a stage are its 2nd, 4th, … (1-based) layers
                blocks.append(RepVGGBlock(channels, width, 2 if i == 0 else 1, groups if i % 2 else 1, deploy))
                channels = width
            stages.append(nn.Sequential(*blocks))
        self.stages = nn.Sequential(*stages)
        self.head = nn.Sequential()
        self.head.add_module("fc", nn.Linear(channels, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.stages(self.stem(x)).mean((2, 3)))

    def reparameterize(self) -> "RepVGG":
        """Fuse every block into its single 3×3 conv, in place; the outputs (eval mode) are unchanged."""
        for module in self.modules():
            if isinstance(module, RepVGGBlock):
                module.reparameterize()
        return self


class _Variant(NamedTuple):
    depths: tuple[int, ...]
    multipliers: tuple[float, float]
    groups: int
    train: tuple[int, int]  # timm's training form: params, MACs
    deploy: tuple[int, int]  # after reparameterization (= the paper's networks)
    paper: tuple[float, float]  # Table 4: params, FLOPs (multiply-adds)


REPVGGS: dict[str, _Variant] = {
    "a0": _Variant(A_DEPTHS, (0.75, 2.5), 1, (9_108_968, 1_512_581_120), (8_309_384, 1_361_451_008), (8.30e6, 1.4e9)),
    "a1": _Variant(A_DEPTHS, (1, 2.5), 1, (14_092_264, 2_626_488_320), (12_789_864, 2_363_967_488), (12.78e6, 2.4e9)),
    "a2": _Variant(A_DEPTHS, (1.5, 2.75), 1, (28_210_600, 5_685_345_280), (25_499_944, 5_116_951_552),
                   (25.49e6, 5.1e9)),
    "b0": _Variant(B_DEPTHS, (1, 2.5), 1, (15_817_960, 3_397_191_680), (14_339_048, 3_057_600_512), (14.33e6, 3.1e9)),
    "b1": _Variant(B_DEPTHS, (2, 4), 1, (57_415_016, 13_128_089_600), (51_829_480, 11_815_485_440),
                   (51.82e6, 11.8e9)),
    "b1g4": _Variant(B_DEPTHS, (2, 4), 4, (39_966_056, 8_118_517_760), (36_125_416, 7_306_870_784),
                     (36.12e6, 7.3e9)),
    "b2": _Variant(B_DEPTHS, (2.5, 5), 1, (89_022_376, 20_418_170_880), (80_315_112, 18_376_609_792),
                   (80.31e6, 18.4e9)),
    "b2g4": _Variant(B_DEPTHS, (2.5, 5), 4, (61_758_376, 12_590_714_880), (55_777_512, 11_331_899_392),
                     (55.77e6, 11.3e9)),
    "b3": _Variant(B_DEPTHS, (3, 5), 1, (123_085_288, 29_120_696_320), (110_960_872, 26_208_882_688),
                   (110.96e6, 26.2e9)),
    "b3g4": _Variant(B_DEPTHS, (3, 5), 4, (83_825_128, 17_849_159_680), (75_626_728, 16_064_499_712),
                     (75.62e6, 16.1e9)),
}
_PAPER = "Ding et al. 2021, Table 4 (inference-time, re-parameterized)"
_FUSED_NOTE = "the fused inference form, which create(name, deploy=True) or reparameterize() gives"


def _register(variant: str, spec: _Variant) -> None:
    def build(num_classes: int = 1000, deploy: bool = False) -> RepVGG:
        return RepVGG(spec.depths, spec.multipliers, spec.groups, num_classes, deploy)

    timm = f"timm repvgg_{variant}"
    register_model(f"repvgg_{variant}", family="RepVGG", twin=f"timm:repvgg_{variant}", published=(
        Figure(spec.train[0], "params", f"{timm} (training form: 3x3, 1x1 and identity branches with BN)", exact=True),
        Figure(spec.train[1], "MACs", f"{timm} (training form)", exact=True),
        # Later exact figures describe an option: here the fused form (deploy=True, or reparameterize()).
        Figure(spec.deploy[0], "params", f"{timm} after reparameterize_model", exact=True, note=_FUSED_NOTE),
        Figure(spec.deploy[1], "MACs", f"{timm} after reparameterize_model", exact=True, note=_FUSED_NOTE),
        Figure(spec.paper[0], "params", _PAPER, exact=False,
               note="the paper counts the fused form; the training form has the 1x1 and BN branches on top"),
        Figure(spec.paper[1], "MACs", _PAPER, exact=False, note="the fused form's MACs"),
    ))(build)


for _variant, _spec in REPVGGS.items():
    _register(_variant, _spec)
