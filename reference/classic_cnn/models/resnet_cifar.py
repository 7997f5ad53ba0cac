"""The CIFAR ResNets: He et al. 2015 §4.2 (ResNet-20…1202), pre-activation ResNet-164/1001 (He et
al. 2016), Wide ResNets (Zagoruyko & Komodakis 2016) and ResNet-110 with stochastic depth (Huang
et al. 2016).

All share the CIFAR stem (one 3×3 conv to 16 maps, no pooling, so the 32×32 input keeps its size)
and three stages at 32, 16 and 8 pixels; the first block of stages 2 and 3 halves the map. No
library builds them, so their exact figures are the counts of these paper-faithful builds.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn as nn

from ..blocks.residual import BasicBlock, PreActBlock, PreActBottleneck, ZeroPadShortcut, conv3x3
from ..blocks.stochastic_depth import SurvivalGate, survival_probabilities
from ..registry import Figure, register_model

__all__ = ["CifarResNet", "PreActResNetCifar", "WideResNet", "cifar_resnet", "preact_resnet_cifar", "wide_resnet"]

_CIFAR = (3, 32, 32)
_OWN = "this package's paper-faithful build, counted (no library has it)"


def _stage_strides(count: int, stage: int) -> list[int]:
    return [2 if stage > 0 and index == 0 else 1 for index in range(count)]


class CifarResNet(nn.Module):
    """ResNet-(6n+2) for CIFAR: conv 3×3 (16) → BN → ReLU → 3 stages of n basic blocks (16, 32, 64
    maps) → global average pool → linear.

    ``shortcut="A"`` (the paper's CIFAR choice) zero-pads the new channels, parameter-free;
    ``"B"`` projects with a 1×1 conv + BN. ``survival_last`` turns on stochastic depth: block l
    survives training with ``p_l`` from ``survival_probabilities(3n, survival_last, schedule)``
    and is scaled by ``p_l`` at test time.
    """

    def __init__(self, depth: int, num_classes: int = 10, shortcut: str = "A", survival_last: float | None = None,
                 schedule: str = "linear") -> None:
        super().__init__()
        if (depth - 2) % 6:
            raise ValueError(f"a CIFAR ResNet has 6n+2 layers, got depth {depth}")
        if shortcut not in ("A", "B"):
            raise ValueError(f"shortcut must be 'A' (zero padding) or 'B' (projection), got {shortcut!r}")
        n = (depth - 2) // 6
        survival = (survival_probabilities(3 * n, survival_last, schedule) if survival_last is not None
                    else [None] * (3 * n))
        self.conv1 = conv3x3(3, 16)
        self.bn1 = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        channels, index = 16, 0
        for stage, width in enumerate((16, 32, 64)):
            blocks = []
            for stride in _stage_strides(n, stage):
                reshape = stride != 1 or channels != width
                pad = ZeroPadShortcut(channels, width, stride) if shortcut == "A" and reshape else None
                gate = SurvivalGate(survival[index]) if survival[index] is not None else None
                blocks.append(BasicBlock(channels, width, stride, shortcut=pad, drop_path=gate))
                channels, index = width, index + 1
            setattr(self, f"layer{stage + 1}", nn.Sequential(*blocks))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer3(self.layer2(self.layer1(x)))
        return self.fc(torch.flatten(self.avgpool(x), 1))


class _PreActCifar(nn.Module):
    """conv 3×3 (16) → three stages of pre-activation blocks → BN → ReLU → average pool → linear
    (the last block's output is not activated, so the head activates it)."""

    def __init__(self, make_block: Callable[[int, int, int], nn.Module], blocks_per_stage: int,
                 widths: tuple[int, int, int], num_classes: int) -> None:
        super().__init__()
        self.conv1 = conv3x3(3, 16)
        channels = 16
        for stage, width in enumerate(widths):
            blocks = []
            for stride in _stage_strides(blocks_per_stage, stage):
                block = make_block(channels, width, stride)
                blocks.append(block)
                channels = block.out_channels
            setattr(self, f"layer{stage + 1}", nn.Sequential(*blocks))
        self.bn = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.layer3(self.layer2(self.layer1(self.conv1(x))))
        return self.fc(torch.flatten(self.avgpool(self.relu(self.bn(x))), 1))


def _with_out_channels(block: nn.Module, out_channels: int) -> nn.Module:
    block.out_channels = out_channels
    return block


class PreActResNetCifar(_PreActCifar):
    """Pre-activation ResNet-(9n+2) (He et al. 2016): n bottlenecks per stage of widths 16, 32,
    64 (outputs 64, 128, 256), 1×1 projection shortcuts where the shape changes."""

    def __init__(self, depth: int, num_classes: int = 10) -> None:
        if (depth - 2) % 9:
            raise ValueError(f"a pre-activation bottleneck CIFAR ResNet has 9n+2 layers, got depth {depth}")
        super().__init__(lambda c, w, s: _with_out_channels(PreActBottleneck(c, w, s), 4 * w),
                         (depth - 2) // 9, (16, 32, 64), num_classes)


class WideResNet(_PreActCifar):
    """WRN-d-k: n = (d-4)/6 pre-activation basic blocks per stage of widths 16k, 32k, 64k, 1×1
    projection shortcuts where the shape changes. (The paper's optional dropout between the two
    convs has no parameters and is left out.)"""

    def __init__(self, depth: int, widen: int, num_classes: int = 10) -> None:
        if (depth - 4) % 6:
            raise ValueError(f"a Wide ResNet has 6n+4 layers, got depth {depth}")
        super().__init__(lambda c, w, s: _with_out_channels(PreActBlock(c, w, s), w),
                         (depth - 4) // 6, (16 * widen, 32 * widen, 64 * widen), num_classes)


def cifar_resnet(depth: int, **kwargs) -> CifarResNet:
    return CifarResNet(depth, **kwargs)


def preact_resnet_cifar(depth: int, **kwargs) -> PreActResNetCifar:
    return PreActResNetCifar(depth, **kwargs)


def wide_resnet(depth: int, widen: int, **kwargs) -> WideResNet:
    return WideResNet(depth, widen, **kwargs)


def _own(params: int, macs: int, *paper: Figure) -> tuple[Figure, ...]:
    return (Figure(params, "params", _OWN, exact=True), Figure(macs, "MACs", f"{_OWN}, at 32×32", exact=True), *paper)


_HE2015_CIFAR = "He et al. 2015, Table 6 (CIFAR-10)"


@register_model("resnet110_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    1_727_962, 252_887_680, Figure(1.7e6, "params", _HE2015_CIFAR, exact=False)))
def resnet110_cifar(**kwargs) -> CifarResNet:
    return cifar_resnet(110, **kwargs)


@register_model("resnet1202_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    19_421_274, 2_829_238_912, Figure(19.4e6, "params", _HE2015_CIFAR, exact=False),
    Figure(10.2e6, "params", "the course's seed ('ResNet-1202 (10.2M)')", exact=False,
           note="wrong: 10.2M is the pre-activation ResNet-1001 of He et al. 2016; the paper lists ResNet-1202 at 19.4M")))
def resnet1202_cifar(**kwargs) -> CifarResNet:
    return cifar_resnet(1202, **kwargs)


@register_model("resnet110_stochastic_depth_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    1_727_962, 252_887_680,
    Figure(1.7e6, "params", "Huang et al. 2016: CIFAR ResNet-110", exact=False,
           note="stochastic depth adds no parameters and leaves the test-time MACs unchanged")))
def resnet110_stochastic_depth_cifar(survival_last: float = 0.5, schedule: str = "linear", **kwargs) -> CifarResNet:
    """ResNet-110 whose 54 blocks survive training with ``p_l = 1 - l/54·(1 - 0.5)``: the paper's
    linear rule; ``schedule="uniform"`` is its constant-probability baseline."""
    return cifar_resnet(110, survival_last=survival_last, schedule=schedule, **kwargs)


_HE2016 = "He et al. 2016 (Identity Mappings), Tables 3 and 5"


@register_model("preact_resnet164_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    1_703_258, 247_646_720, Figure(1.7e6, "params", _HE2016, exact=False)))
def preact_resnet164_cifar(**kwargs) -> PreActResNetCifar:
    return preact_resnet_cifar(164, **kwargs)


@register_model("preact_resnet1001_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    10_327_706, 1_490_995_712, Figure(10.2e6, "params", _HE2016, exact=False,
                                      note="conv and fc weights only: without its 149,216 BN parameters ours is 10,178,490")))
def preact_resnet1001_cifar(**kwargs) -> PreActResNetCifar:
    return preact_resnet_cifar(1001, **kwargs)


_WRN = "Zagoruyko & Komodakis 2016, CIFAR-10/100 results table"


@register_model("wrn40_4_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    8_949_210, 1_298_582_016, Figure(8.9e6, "params", _WRN, exact=False)))
def wrn40_4_cifar(**kwargs) -> WideResNet:
    return wide_resnet(40, 4, **kwargs)


@register_model("wrn16_8_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    10_961_370, 1_548_145_664, Figure(11.0e6, "params", _WRN, exact=False)))
def wrn16_8_cifar(**kwargs) -> WideResNet:
    return wide_resnet(16, 8, **kwargs)


@register_model("wrn28_10_cifar", family="ResNet", canonical_input=_CIFAR, num_classes=10, published=_own(
    36_479_194, 5_243_328_768, Figure(36.5e6, "params", _WRN, exact=False)))
def wrn28_10_cifar(**kwargs) -> WideResNet:
    return wide_resnet(28, 10, **kwargs)
