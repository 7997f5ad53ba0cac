"""ConvNeXt T/S/B/L/XL (Liu et al. 2022, "A ConvNet for the 2020s").

"Patchify" stem (4×4/4 conv + LayerNorm) → four stages of ConvNeXt blocks, separated by
LayerNorm + 2×2/2 conv downsampling → global pool → LayerNorm → fc. T/S/B/L have torchvision's
parameter layout; XL, which only timm builds, has timm's.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import NamedTuple

import torch
import torch.nn as nn

from ..blocks.convnext import ConvNeXtBlock, Layout, LayerNorm2d
from ..registry import register_model
from ._figures import library_and_paper

__all__ = ["ConvNeXt", "CONVNEXTS"]


def _downsample(in_channels: int, out_channels: int) -> nn.Sequential:
    return nn.Sequential(LayerNorm2d(in_channels, eps=1e-6), nn.Conv2d(in_channels, out_channels, 2, 2))


class ConvNeXt(nn.Module):
    """``depths``/``dims`` per stage; ``drop_path`` grows linearly to its value at the last block."""

    def __init__(self, depths: tuple[int, ...], dims: tuple[int, ...], num_classes: int = 1000,
                 drop_path: float = 0.1, layout: Layout = "torchvision") -> None:
        super().__init__()
        self.layout = layout
        stem = nn.Sequential(nn.Conv2d(3, dims[0], 4, 4), LayerNorm2d(dims[0], eps=1e-6))
        total, index = sum(depths), 0
        stages = []
        for depth, dim in zip(depths, dims):
            stages.append(nn.Sequential(*(ConvNeXtBlock(dim, drop_path * (index + i) / max(1, total - 1),
                                                        layout=layout) for i in range(depth))))
            index += depth
        downsamples = [_downsample(a, b) for a, b in zip(dims, dims[1:])]
        norm, fc = LayerNorm2d(dims[-1], eps=1e-6), nn.Linear(dims[-1], num_classes)
        if layout == "torchvision":
            features: list[nn.Module] = [stem]
            for stage, downsample in zip(stages, downsamples + [None]):
                features += [stage] + ([downsample] if downsample is not None else [])
            self.features = nn.Sequential(*features)
            self.classifier = nn.Sequential(norm, nn.Flatten(1), fc)
        else:
            self.stem = stem
            self.stages = nn.Sequential(*(
                nn.Sequential(OrderedDict(downsample=downsample, blocks=stage))
                for downsample, stage in zip([nn.Identity()] + downsamples, stages)))
            self.head = nn.Sequential(OrderedDict(norm=norm, flatten=nn.Flatten(1), fc=fc))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.features(x) if self.layout == "torchvision" else self.stages(self.stem(x))
        pooled = x.mean((2, 3), keepdim=True)
        return self.classifier(pooled) if self.layout == "torchvision" else self.head(pooled)


class _Size(NamedTuple):
    depths: tuple[int, ...]
    dims: tuple[int, ...]
    drop_path: float  # the paper's ImageNet-1K training rate (XL: its ImageNet-22K rate)
    library: tuple[int, int]  # params, MACs at 224
    paper: tuple[float, float]  # Table 1's params and FLOPs (multiply-adds) at 224


CONVNEXTS: dict[str, _Size] = {
    "tiny": _Size((3, 3, 9, 3), (96, 192, 384, 768), 0.1, (28_589_128, 4_455_531_264), (28e6, 4.5e9)),
    "small": _Size((3, 3, 27, 3), (96, 192, 384, 768), 0.4, (50_223_688, 8_683_712_256), (50e6, 8.7e9)),
    "base": _Size((3, 3, 27, 3), (128, 256, 512, 1024), 0.5, (88_591_464, 15_354_729_472), (89e6, 15.4e9)),
    "large": _Size((3, 3, 27, 3), (192, 384, 768, 1536), 0.5, (197_767_336, 34_361_433_600), (198e6, 34.4e9)),
    "xlarge": _Size((3, 3, 27, 3), (256, 512, 1024, 2048), 0.5, (350_196_968, 60_921_030_656), (350e6, 60.9e9)),
}
_MACS_NOTE = "LayerNorm, GELU and layer scale count no MACs here (conv/linear only)"


def _register(size: str, spec: _Size) -> None:
    torchvision = size != "xlarge"
    layout: Layout = "torchvision" if torchvision else "timm"
    library = f"torchvision convnext_{size}" if torchvision else f"timm convnext_{size}"

    def build(num_classes: int = 1000, **kwargs) -> ConvNeXt:
        return ConvNeXt(spec.depths, spec.dims, num_classes, **({"drop_path": spec.drop_path, "layout": layout}
                                                                 | kwargs))

    register_model(f"convnext_{size}", family="ConvNeXt", twin=f"{library.split()[0]}:convnext_{size}",
                   published=library_and_paper(*spec.library, library, *spec.paper, "Liu et al. 2022, Table 1",
                                               macs_note=_MACS_NOTE))(build)


for _size, _spec in CONVNEXTS.items():
    _register(_size, _spec)
