"""ShuffleNet v1 (Zhang et al. 2017) and v2 (Ma et al. 2018).

v2 has torchvision's parameter layout. v1 is in no library; it follows Table 1 of the paper and the
authors' reference code (stage-2's first 1×1 ungrouped, bottleneck = stage width / 4, fc without
bias), which gives 1,864,728 parameters at 1×, g = 3.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from ..blocks.shuffle import ShuffleV1Unit, ShuffleV2Unit
from ..registry import Figure, register_model
from ._figures import library_and_paper

__all__ = ["ShuffleNetV1", "ShuffleNetV2", "V1_STAGE_WIDTHS", "V2_STAGE_WIDTHS", "STAGE_REPEATS"]

STAGE_REPEATS = (4, 8, 4)  # stages 2, 3, 4 of both papers
# Table 1 of the v1 paper (1×): output channels of stages 2-4 for g = 1, 2, 3, 4, 8.
V1_STAGE_WIDTHS = {1: (144, 288, 576), 2: (200, 400, 800), 3: (240, 480, 960), 4: (272, 544, 1088),
                   8: (384, 768, 1536)}
# Table 5 of the v2 paper: output channels of conv1, stages 2-4 and conv5, per width multiplier.
V2_STAGE_WIDTHS = {0.5: (24, 48, 96, 192, 1024), 1.0: (24, 116, 232, 464, 1024),
                   1.5: (24, 176, 352, 704, 1024), 2.0: (24, 244, 488, 976, 2048)}


def _stem(out_channels: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(3, out_channels, 3, 2, 1, bias=False), nn.BatchNorm2d(out_channels),
                         nn.ReLU(inplace=True))


class ShuffleNetV1(nn.Module):
    """conv 3×3/2 (24) → max pool 3×3/2 → stages of 4/8/4 shuffle units → global pool → fc."""

    def __init__(self, groups: int = 3, num_classes: int = 1000, width: float = 1.0) -> None:
        super().__init__()
        widths = [int(w * width) for w in V1_STAGE_WIDTHS[groups]]
        stem = 24
        self.conv1 = _stem(stem)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        channels, stages = stem, []
        for stage, (repeats, out) in enumerate(zip(STAGE_REPEATS, widths)):
            units = [ShuffleV1Unit(channels if i == 0 else out, out, 2 if i == 0 else 1, groups, out // 4,
                                   first_grouped=not (stage == 0 and i == 0))
                     for i in range(repeats)]
            stages.append(nn.Sequential(*units))
            channels = out
        self.stage2, self.stage3, self.stage4 = stages
        self.fc = nn.Linear(channels, num_classes, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.conv1(x))
        x = self.stage4(self.stage3(self.stage2(x)))
        return self.fc(x.mean((2, 3)))


class ShuffleNetV2(nn.Module):
    """conv 3×3/2 → max pool → stages of 4/8/4 units → 1×1 conv5 → global pool → fc (Table 5)."""

    def __init__(self, width: float = 1.0, num_classes: int = 1000) -> None:
        super().__init__()
        try:
            stem, *stage_widths, last = V2_STAGE_WIDTHS[width]
        except KeyError:
            raise ValueError(f"ShuffleNetV2 width must be one of {sorted(V2_STAGE_WIDTHS)}, got {width}") from None
        self.conv1 = _stem(stem)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        channels = stem
        for index, (repeats, out) in enumerate(zip(STAGE_REPEATS, stage_widths), start=2):
            units = [ShuffleV2Unit(channels if i == 0 else out, out, 2 if i == 0 else 1) for i in range(repeats)]
            setattr(self, f"stage{index}", nn.Sequential(*units))
            channels = out
        self.conv5 = nn.Sequential(nn.Conv2d(channels, last, 1, bias=False), nn.BatchNorm2d(last),
                                   nn.ReLU(inplace=True))
        self.fc = nn.Linear(last, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.conv1(x))
        x = self.stage4(self.stage3(self.stage2(x)))
        return self.fc(self.conv5(x).mean((2, 3)))


@register_model("shufflenet_v1_g3", family="ShuffleNet", published=(
    Figure(1_864_728, "params", "paper-faithful build (Table 1, 1x, g=3; authors' reference layout)", exact=True),
    Figure(137_460_672, "MACs", "paper-faithful build", exact=True),
    Figure(137e6, "MACs", "Zhang et al. 2017, Table 2 (1x, g=3)", exact=False,
           note="the paper's 137 MFLOPs are multiply-adds; 140M in its text/Table 5 rounds further"),
))
def shufflenet_v1_g3(num_classes: int = 1000, **kwargs) -> ShuffleNetV1:
    return ShuffleNetV1(3, num_classes, **kwargs)


_V2_FIGURES = {  # torchvision params and MACs; the paper's Table 8 params and FLOPs (multiply-adds)
    0.5: (1_366_792, 40_476_448, 1.4e6, 41e6),
    1.0: (2_278_604, 144_907_992, 2.3e6, 146e6),
    1.5: (3_503_624, 295_759_392, 3.5e6, 299e6),
    2.0: (7_393_996, 583_253_464, 7.4e6, 591e6),
}


def _register_v2(width: float) -> None:
    tag = f"x{width:.1f}".replace(".", "_")
    params, macs, paper_params, paper_macs = _V2_FIGURES[width]

    def build(num_classes: int = 1000) -> ShuffleNetV2:
        return ShuffleNetV2(width, num_classes)

    register_model(f"shufflenet_v2_{tag}", family="ShuffleNet", twin=f"torchvision:shufflenet_v2_{tag}",
                   published=library_and_paper(
                       params, macs, f"torchvision shufflenet_v2_{tag}", paper_params, paper_macs,
                       "Ma et al. 2018, Table 8",
                       macs_note="1-2% under the paper: only conv/linear MACs count here, the paper's FLOPs "
                                 "include more"))(build)


for _width in _V2_FIGURES:
    _register_v2(_width)
