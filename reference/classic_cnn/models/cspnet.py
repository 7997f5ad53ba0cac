"""Cross Stage Partial networks (Wang et al. 2020): CSPResNet-50, CSPResNeXt-50, CSPDarknet-53.

Every stage is a :class:`~classic_cnn.blocks.csp.CrossStage` over ResNe(X)t bottlenecks or
Darknet residual units, with leaky-ReLU activations throughout. The layout and names are timm's
``CspNet`` (``stem``, ``stages``, ``head.fc``), the networks' only library build, so its
``cspresnet50``/``cspresnext50``/``cspdarknet53`` load as they are. Like timm (and unlike Darknet's
slope 0.1) the leaky ReLU has PyTorch's default slope 0.01; ``negative_slope=0.1`` gives Darknet's.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import partial
from typing import Callable

import torch
import torch.nn as nn

from ..blocks.conv_norm_act import ConvNormAct
from ..blocks.csp import CrossStage, CSPBottleneck, DarkBlock
from ..registry import Figure, register_model

__all__ = ["CspStageConfig", "CspNet", "CSPRESNET50", "CSPRESNEXT50", "CSPDARKNET53"]


@dataclass(frozen=True)
class CspStageConfig:
    """One stage's arguments to :class:`CrossStage` (the ratios are of its ``out_channels``)."""

    out_channels: int
    depth: int
    stride: int
    expand_ratio: float = 1.0
    bottle_ratio: float = 1.0
    block_ratio: float = 1.0
    groups: int = 1


def _stages(out: tuple[int, ...], depth: tuple[int, ...], stride: tuple[int, ...], **ratios) -> tuple[CspStageConfig, ...]:
    return tuple(CspStageConfig(o, d, s, **ratios) for o, d, s in zip(out, depth, stride))


# The CSPResNe(X)t stages keep ResNet-50's block counts minus one per stage, since the stage's
# transition convs take the place of a block (3, 3, 5, 2 instead of 3, 4, 6, 3).
CSPRESNET50 = _stages((128, 256, 512, 1024), (3, 3, 5, 2), (1, 2, 2, 2), expand_ratio=2.0, bottle_ratio=0.5)
CSPRESNEXT50 = _stages((256, 512, 1024, 2048), (3, 3, 5, 2), (1, 2, 2, 2), bottle_ratio=1.0, block_ratio=0.5,
                       groups=32)
# Darknet-53's first stage keeps its full-width block; the later ones halve it.
CSPDARKNET53 = (CspStageConfig(64, 1, 2, expand_ratio=2.0, bottle_ratio=0.5),
                *_stages((128, 256, 512, 1024), (2, 8, 8, 4), (2, 2, 2, 2), bottle_ratio=1.0, block_ratio=0.5))


class _Head(nn.Module):
    """Global average pool → linear, named ``head.fc`` as in timm."""

    def __init__(self, channels: int, num_classes: int) -> None:
        super().__init__()
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.mean((2, 3)))


class CspNet(nn.Module):
    """stem → cross-stage-partial stages → head.

    ``resnet_stem`` is the ResNet stem (conv 7×7/2 to 64 → max pool 3×3/2); otherwise Darknet's
    single 3×3 conv to 32 at full resolution. ``block`` is the residual unit inside the stages;
    ``down_growth`` and ``cross_linear`` are as in :class:`CrossStage`.
    """

    def __init__(self, stages: tuple[CspStageConfig, ...], block: Callable[..., nn.Module], resnet_stem: bool,
                 num_classes: int = 1000, down_growth: bool = False, cross_linear: bool = False,
                 negative_slope: float = 0.01) -> None:
        super().__init__()
        activation = partial(nn.LeakyReLU, negative_slope, inplace=True)
        if resnet_stem:
            self.stem = nn.Sequential(OrderedDict(
                conv1=ConvNormAct(3, 64, 7, stride=2, activation=activation),
                pool=nn.MaxPool2d(3, stride=2, padding=1)))
            channels = 64
        else:
            self.stem = nn.Sequential(OrderedDict(conv1=ConvNormAct(3, 32, 3, activation=activation)))
            channels = 32
        stage_modules = []
        for cfg in stages:
            stage_modules.append(CrossStage(channels, cfg.out_channels, cfg.stride, cfg.depth, block,
                                            block_ratio=cfg.block_ratio, bottle_ratio=cfg.bottle_ratio,
                                            expand_ratio=cfg.expand_ratio, groups=cfg.groups, down_growth=down_growth,
                                            cross_linear=cross_linear, activation=activation))
            channels = cfg.out_channels
        self.stages = nn.Sequential(*stage_modules)
        self.head = _Head(channels, num_classes)
        self.num_features = channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.stages(self.stem(x)))


_CSP = "Wang et al. 2020 (CSPNet) / the official CrossStagePartialNetworks README (Darknet)"
_PARAMS_NOTE = "Darknet's count differs from the timm layout by {diff}; the cause is not established"


def _csp_figures(params: int, macs: int, library: str, paper_params: float, bflops: float, macs_256: int) -> tuple[Figure, ...]:
    return (
        Figure(params, "params", library, exact=True),
        Figure(macs, "MACs", f"{library}, at 224", exact=True),
        Figure(paper_params, "params", _CSP, exact=False,
               note=_PARAMS_NOTE.format(diff=f"{abs(params - paper_params) / params:.2%}")),
        Figure(bflops / 2, "MACs", f"{_CSP}: {bflops / 1e9:.2f} BFLOPs at 256×256", exact=False,
               note=f"Darknet's BFLOPs are 2 × MACs at 256×256; ours there: {macs_256:,} MACs"),
    )


@register_model("cspresnet50", family="CSPNet", twin="timm:cspresnet50", published=_csp_figures(
    21_616_168, 3_458_752_512, "timm cspresnet50", 21.57e6, 8.97e9, 4_517_240_832))
def cspresnet50(num_classes: int = 1000, **kwargs) -> CspNet:
    return CspNet(CSPRESNET50, CSPBottleneck, resnet_stem=True, num_classes=num_classes, cross_linear=True, **kwargs)


@register_model("cspresnext50", family="CSPNet", twin="timm:cspresnext50", published=_csp_figures(
    20_569_896, 3_074_424_832, "timm cspresnext50", 20.5e6, 7.93e9, 4_014_948_352))
def cspresnext50(num_classes: int = 1000, **kwargs) -> CspNet:
    return CspNet(CSPRESNEXT50, CSPBottleneck, resnet_stem=True, num_classes=num_classes, cross_linear=True, **kwargs)


@register_model("cspdarknet53", family="CSPNet", twin="timm:cspdarknet53", published=_csp_figures(
    27_642_184, 5_002_567_680, "timm cspdarknet53", 27.61e6, 13.07e9, 6_533_652_480))
def cspdarknet53(num_classes: int = 1000, **kwargs) -> CspNet:
    return CspNet(CSPDARKNET53, DarkBlock, resnet_stem=False, num_classes=num_classes, down_growth=True, **kwargs)
