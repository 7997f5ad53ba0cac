"""ResNet (He et al. 2015) and its ImageNet relatives built on the shared residual blocks:
ResNeXt (grouped 3×3), Wide ResNet-50-2 (wider 3×3) and channel-attention variants (SE, ECA…).

The layout and the parameter names are torchvision's (``conv1 bn1 relu maxpool layer1..4 avgpool
fc``), so ``load_state_dict(torchvision_model.state_dict())`` works as it is. The course's
``ResNet(depth, num_classes)`` and ``ResNeXt50(num_classes)`` are :func:`resnet` and
:func:`resnext50` below.
"""

from __future__ import annotations

from typing import Callable, Sequence

import torch
import torch.nn as nn

from ..blocks.residual import AttentionFactory, BasicBlock, Bottleneck
from ..registry import Figure, register_model

__all__ = ["ResNet", "RESNET_LAYERS", "resnet", "resnext50"]

# Blocks per stage for each depth of the paper's Table 1.
RESNET_LAYERS = {18: (2, 2, 2, 2), 34: (3, 4, 6, 3), 50: (3, 4, 6, 3), 101: (3, 4, 23, 3), 152: (3, 8, 36, 3)}


class ResNet(nn.Module):
    """Stem (conv 7×7/2 → BN → ReLU → max pool 3×3/2) → four stages of 64·2^s planes, the first
    block of stages 2–4 with stride 2 → global average pool → linear.

    ``block`` is ``"basic"`` or ``"bottleneck"``. For bottlenecks, the 3×3 conv's width is
    ``planes · width_per_group / 64 · groups`` (torchvision's rule: ResNeXt-50 32×4d has 128 at
    the first stage, Wide ResNet-50-2 has 128 too, ResNet-50 has 64) and the output ``4·planes``.
    ``block`` may also be a factory ``block(in_channels, width, stride, out_channels=…, shortcut=…)``
    for the bottlenecks whose middle is not a plain 3×3 conv (selective kernel, split attention).

    The later ResNet papers changed only the stem and the shortcut, so those are options (the
    defaults are the 2015 network): ``stem="deep"`` is three 3×3 convs (``stem_width``,
    ``stem_width``, ``2·stem_width``; ResNet-C of Bag of Tricks, SENet-154, ResNeSt);
    ``downsample="avg"`` pools 2×2 before the projection's 1×1 conv (ResNet-D, ResNeSt) and
    ``downsample_kernel=3`` widens the projection conv (SENet-154); ``reduce_first=2`` halves
    the first 1×1 conv of every bottleneck (SENet-154). Parameter names stay timm's/torchvision's.
    """

    def __init__(self, block: str | Callable[..., nn.Module], layers: Sequence[int], num_classes: int = 1000,
                 groups: int = 1, width_per_group: int = 64, stride_on: str = "3x3",
                 attention: AttentionFactory | None = None, stem: str = "7x7", stem_width: int = 32,
                 downsample: str = "conv", downsample_kernel: int = 1, reduce_first: int = 1) -> None:
        super().__init__()
        if not callable(block) and block not in ("basic", "bottleneck"):
            raise ValueError(f"block must be 'basic', 'bottleneck' or a block factory, got {block!r}")
        if stem not in ("7x7", "deep"):
            raise ValueError(f"stem must be '7x7' or 'deep', got {stem!r}")
        if downsample not in ("conv", "avg"):
            raise ValueError(f"downsample must be 'conv' or 'avg', got {downsample!r}")
        self.downsample_kind, self.downsample_kernel = downsample, downsample_kernel
        channels = 64 if stem == "7x7" else 2 * stem_width
        self.conv1 = (nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False) if stem == "7x7"
                      else _deep_stem(stem_width))
        self.bn1 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        expansion = 1 if block == "basic" else 4
        for stage, count in enumerate(layers):
            planes = 64 * 2 ** stage
            blocks = []
            for index in range(count):
                stride = 2 if stage > 0 and index == 0 else 1
                out_channels = expansion * planes
                shortcut = self._shortcut(channels, out_channels, stride)
                if block == "basic":
                    blocks.append(BasicBlock(channels, planes, stride, attention=attention, shortcut=shortcut))
                else:
                    width = int(planes * width_per_group / 64) * groups
                    if callable(block):
                        blocks.append(block(channels, width, stride, out_channels=out_channels, shortcut=shortcut))
                    else:
                        blocks.append(Bottleneck(channels, width, stride, out_channels=out_channels, groups=groups,
                                                 stride_on=stride_on, attention=attention, shortcut=shortcut,
                                                 first_width=width // reduce_first))
                channels = out_channels
            setattr(self, f"layer{stage + 1}", nn.Sequential(*blocks))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(channels, num_classes)
        self.num_features = channels

    def _shortcut(self, in_channels: int, out_channels: int, stride: int) -> nn.Module | None:
        """Identity (None) when the shape is kept, else the configured projection."""
        if stride == 1 and in_channels == out_channels:
            return None
        conv_stride = 1 if self.downsample_kind == "avg" else stride
        kernel = self.downsample_kernel if conv_stride > 1 else 1
        conv = nn.Conv2d(in_channels, out_channels, kernel, stride=conv_stride, padding=kernel // 2, bias=False)
        if self.downsample_kind == "conv":
            return nn.Sequential(conv, nn.BatchNorm2d(out_channels))
        pool = (nn.AvgPool2d(2, stride, ceil_mode=True, count_include_pad=False) if stride > 1
                else nn.Identity())
        return nn.Sequential(pool, conv, nn.BatchNorm2d(out_channels))

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(self.avgpool(self.forward_features(x)), 1))


def _deep_stem(width: int) -> nn.Sequential:
    """Three 3×3 convs replacing the 7×7 (the first with stride 2); the last one's BN is ``bn1``."""
    return nn.Sequential(
        nn.Conv2d(3, width, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
        nn.Conv2d(width, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
        nn.Conv2d(width, 2 * width, 3, padding=1, bias=False),
    )


def resnet(depth: int, num_classes: int = 1000, **kwargs) -> ResNet:
    """The course's ``ResNet(depth, num_classes=1000)``: basic blocks below 50 layers, bottlenecks from 50."""
    if depth not in RESNET_LAYERS:
        raise ValueError(f"depth must be one of {sorted(RESNET_LAYERS)}, got {depth}")
    return ResNet("basic" if depth < 50 else "bottleneck", RESNET_LAYERS[depth], num_classes, **kwargs)


def resnext50(num_classes: int = 1000, **kwargs) -> ResNet:
    """The course's ``ResNeXt50``: ResNeXt-50 (32×4d), 25,028,904 parameters for 1000 classes."""
    return ResNet("bottleneck", RESNET_LAYERS[50], num_classes, groups=32, width_per_group=4, **kwargs)


# The zoo's entries. Exact figures are torchvision's/timm's counts (parameters; MACs at 224 with
# torch.utils.flop_counter), which this build reproduces; the papers' figures are rounded.

_HE2015 = "He et al. 2015, Table 1"
_XIE2017 = "Xie et al. 2017 (ResNeXt), Table 1"
_V15_NOTE = ("the paper (and Caffe/Keras) put each stage's stride 2 on the first 1×1 conv; torchvision "
             "('ResNet v1.5') puts it on the 3×3, which costs {macs:,} MACs; stride_on='1x1' gives {v1:,}")
_KERAS_NOTE = ("Keras gives its convs biases and counts BN moving mean/variance: +3 per BN channel "
               "on the torchvision count")


def _figures(params: int, macs: int, library: str, *paper: Figure, v1_macs: int | None = None) -> tuple[Figure, ...]:
    """The library's exact counts first (the default build reproduces them), then the stride-on-1×1
    MACs (an option's exact figure), then the published ones."""
    figures = [Figure(params, "params", library, exact=True), Figure(macs, "MACs", f"{library}, at 224", exact=True)]
    if v1_macs is not None:
        figures.append(Figure(v1_macs, "MACs", f"{library} with the stride on the first 1×1 (stride_on='1x1'), at 224",
                              exact=True, note="stride_on='1x1', the 2015 paper's placement"))
    return (*figures, *paper)


def _paper_macs(value: float, source: str, macs: int, v1_macs: int) -> Figure:
    return Figure(value, "MACs", source, exact=False, note=_V15_NOTE.format(macs=macs, v1=v1_macs))


@register_model("resnet18", family="ResNet", twin="torchvision:resnet18", published=_figures(
    11_689_512, 1_814_073_344, "torchvision resnet18",
    Figure(1.8e9, "MACs", _HE2015, exact=False)))
def resnet18(**kwargs) -> ResNet:
    return resnet(18, **kwargs)


@register_model("resnet34", family="ResNet", twin="torchvision:resnet34", published=_figures(
    21_797_672, 3_663_761_408, "torchvision resnet34",
    Figure(3.6e9, "MACs", _HE2015, exact=False)))
def resnet34(**kwargs) -> ResNet:
    return resnet(34, **kwargs)


@register_model("resnet50", family="ResNet", twin="torchvision:resnet50", published=_figures(
    25_557_032, 4_089_184_256, "torchvision resnet50",
    _paper_macs(3.8e9, _HE2015, 4_089_184_256, 3_857_973_248),
    Figure(25_636_712, "params", "Keras applications ResNet50", exact=False, note=_KERAS_NOTE),
    Figure(25.5e6, "params", "Sze et al. 2017, Efficient Processing of DNNs", exact=False,
           note="conv and fc weights only (23.45M + 2.05M), no BN parameters"),
    Figure(3.9e9, "MACs", "Sze et al. 2017, Efficient Processing of DNNs", exact=False,
           note="the stride-on-1×1 count (3.86G), rounded up"),
    Figure(25.5e6, "params", _XIE2017, exact=False, note="rounded"),
    Figure(4.1e9, "MACs", _XIE2017, exact=False, note="fb.resnet.torch's stride-on-3×3 network, as ours"),
    v1_macs=3_857_973_248))
def resnet50(**kwargs) -> ResNet:
    return resnet(50, **kwargs)


@register_model("resnet101", family="ResNet", twin="torchvision:resnet101", published=_figures(
    44_549_160, 7_801_405_440, "torchvision resnet101",
    _paper_macs(7.6e9, _HE2015, 7_801_405_440, 7_570_194_432),
    Figure(44_707_176, "params", "Keras applications ResNet101", exact=False, note=_KERAS_NOTE),
    v1_macs=7_570_194_432))
def resnet101(**kwargs) -> ResNet:
    return resnet(101, **kwargs)


@register_model("resnet152", family="ResNet", twin="torchvision:resnet152", published=_figures(
    60_192_808, 11_513_626_624, "torchvision resnet152",
    _paper_macs(11.3e9, _HE2015, 11_513_626_624, 11_282_415_616),
    Figure(60_419_944, "params", "Keras applications ResNet152", exact=False, note=_KERAS_NOTE),
    v1_macs=11_282_415_616))
def resnet152(**kwargs) -> ResNet:
    return resnet(152, **kwargs)


@register_model("wide_resnet50_2", family="ResNet", twin="torchvision:wide_resnet50_2", published=_figures(
    68_883_240, 11_398_021_120, "torchvision wide_resnet50_2",
    Figure(68.9e6, "params", "Zagoruyko & Komodakis 2016, ImageNet table (WRN-50-2-bottleneck)", exact=False)))
def wide_resnet50_2(num_classes: int = 1000, **kwargs) -> ResNet:
    """ResNet-50 with every bottleneck's 3×3 (and the 1×1s around it) twice as wide."""
    return ResNet("bottleneck", RESNET_LAYERS[50], num_classes, width_per_group=128, **kwargs)


@register_model("resnext50_32x4d", family="ResNeXt", twin="torchvision:resnext50_32x4d", published=_figures(
    25_028_904, 4_230_479_872, "torchvision resnext50_32x4d",
    Figure(25.0e6, "params", _XIE2017, exact=False),
    Figure(4.2e9, "MACs", _XIE2017, exact=False),
    Figure(25_097_128, "params", "keras-applications ResNeXt50", exact=False,
           note="Keras counts BN moving mean/variance: +2 per BN channel"),
    v1_macs=3_768_057_856))
def resnext50_32x4d(**kwargs) -> ResNet:
    return resnext50(**kwargs)


@register_model("resnext101_32x4d", family="ResNeXt", twin="timm:resnext101_32x4d", published=_figures(
    44_177_704, 7_969_996_800, "timm resnext101_32x4d",
    Figure(8.0e9, "MACs", "Xie et al. 2017, Table 3", exact=False),
    Figure(44_315_560, "params", "keras-applications ResNeXt101", exact=False,
           note="Keras counts BN moving mean/variance: +2 per BN channel")))
def resnext101_32x4d(num_classes: int = 1000, **kwargs) -> ResNet:
    """Not in torchvision (it has 32×8d and 64×4d); timm builds it with the same layout."""
    return ResNet("bottleneck", RESNET_LAYERS[101], num_classes, groups=32, width_per_group=4, **kwargs)


@register_model("resnext101_64x4d", family="ResNeXt", twin="torchvision:resnext101_64x4d", published=_figures(
    83_455_272, 15_460_270_080, "torchvision resnext101_64x4d",
    Figure(15.5e9, "MACs", "Xie et al. 2017, Table 4", exact=False, note="the paper's rounded figure")))
def resnext101_64x4d(num_classes: int = 1000, **kwargs) -> ResNet:
    return ResNet("bottleneck", RESNET_LAYERS[101], num_classes, groups=64, width_per_group=4, **kwargs)
