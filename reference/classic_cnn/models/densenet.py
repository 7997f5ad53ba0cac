"""DenseNet (Huang et al. 2017, "Densely Connected Convolutional Networks"): the ImageNet
DenseNet-BC-121/161/169/201 of Table 1 and the CIFAR networks of Table 2.

Layout and names are torchvision's (``features.conv0 … features.denseblock{i}.denselayer{j} …
features.transition{i} … features.norm5``, ``classifier``), so torchvision's ``densenet121`` …
state_dicts load as they are. The CIFAR networks (no library builds them) use the same class with
the paper's CIFAR stem: a single 3×3 conv (16 channels, or 2k for DenseNet-BC), three dense blocks of
equal depth at 32/16/8, and the final BN named ``norm4``.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..blocks.dense import DenseBlock, Transition, transition_channels
from ..registry import Figure, register_model

__all__ = ["DenseNet", "densenet_cifar", "densenet_imagenet", "DENSENET_IMAGENET_CONFIGS"]


class DenseNet(nn.Module):
    """``features`` (stem, dense blocks with transitions between them, final BN) → ReLU → global
    average pool → ``classifier``.

    ``stem="imagenet"`` is conv 7×7/2 → BN → ReLU → max pool 3×3/2; ``stem="cifar"`` is one 3×3 conv.
    ``bottleneck=None`` builds the plain layers of DenseNet (no B); ``compression`` < 1 is the C.
    """

    def __init__(self, growth_rate: int, block_config: Sequence[int], num_init_features: int,
                 bottleneck: int | None = 4, compression: float = 0.5, stem: str = "imagenet",
                 num_classes: int = 1000, drop_rate: float = 0.0) -> None:
        super().__init__()
        if stem == "imagenet":
            layers = OrderedDict(
                conv0=nn.Conv2d(3, num_init_features, 7, stride=2, padding=3, bias=False),
                norm0=nn.BatchNorm2d(num_init_features),
                relu0=nn.ReLU(),
                pool0=nn.MaxPool2d(3, stride=2, padding=1),
            )
        elif stem == "cifar":
            layers = OrderedDict(conv0=nn.Conv2d(3, num_init_features, 3, padding=1, bias=False))
        else:
            raise ValueError(f"stem must be 'imagenet' or 'cifar', got {stem!r}")
        channels = num_init_features
        for index, num_layers in enumerate(block_config, start=1):
            block = DenseBlock(num_layers, channels, growth_rate, bottleneck, drop_rate)
            layers[f"denseblock{index}"] = block
            channels = block.out_channels
            if index < len(block_config):
                transition = Transition(channels, transition_channels(channels, compression))
                layers[f"transition{index}"] = transition
                channels = transition.out_channels
        layers[f"norm{len(block_config) + 1}"] = nn.BatchNorm2d(channels)
        self.features = nn.Sequential(layers)
        self.classifier = nn.Linear(channels, num_classes)
        self.num_features = channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.features(x))
        return self.classifier(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


# Table 1 (growth rate, layers per block, stem width); all are DenseNet-BC (bottleneck 4k, θ = 0.5).
DENSENET_IMAGENET_CONFIGS = {
    121: (32, (6, 12, 24, 16), 64),
    161: (48, (6, 12, 36, 24), 96),
    169: (32, (6, 12, 32, 32), 64),
    201: (32, (6, 12, 48, 32), 64),
}


def densenet_imagenet(depth: int, num_classes: int = 1000, **kwargs) -> DenseNet:
    """DenseNet-BC-``depth`` of Table 1 (121, 161, 169 or 201)."""
    if depth not in DENSENET_IMAGENET_CONFIGS:
        raise ValueError(f"depth must be one of {sorted(DENSENET_IMAGENET_CONFIGS)}, got {depth}")
    growth_rate, block_config, stem_width = DENSENET_IMAGENET_CONFIGS[depth]
    return DenseNet(growth_rate, block_config, stem_width, num_classes=num_classes, **kwargs)


def densenet_cifar(depth: int, growth_rate: int, bc: bool, num_classes: int = 10, **kwargs) -> DenseNet:
    """The CIFAR DenseNet of Table 2 with ``depth`` L and growth rate k.

    Three dense blocks of n layers each: n = (L − 4)/3 plain layers, or n = (L − 4)/6 bottleneck
    layers for DenseNet-BC (each has two convs). The 4 other layers are the stem conv, the two
    transitions and the classifier. Stem width 16 (plain) or 2k (BC); compression 1 or 0.5.
    """
    per_layer = 6 if bc else 3
    if depth < 4 or (depth - 4) % per_layer:
        raise ValueError(f"depth L must satisfy (L - 4) % {per_layer} == 0 for {'DenseNet-BC' if bc else 'DenseNet'}, "
                         f"got {depth}")
    n = (depth - 4) // per_layer
    return DenseNet(growth_rate, (n, n, n), 2 * growth_rate if bc else 16, bottleneck=4 if bc else None,
                    compression=0.5 if bc else 1.0, stem="cifar", num_classes=num_classes, **kwargs)


_HUANG = "Huang et al. 2017, Densely Connected Convolutional Networks"
_KERAS_BN = "Keras counts BN moving mean/var as (non-trainable) parameters: +2 x {:,} BN channels"


def _ours(params: int, macs: int, what: str, input_size: int) -> tuple[Figure, Figure]:
    return (Figure(params, "params", f"classic_cnn reference = {what}", True),
            Figure(macs, "MACs", f"classic_cnn reference, {input_size}x{input_size}", True))


def _register_cifar(name: str, depth: int, growth_rate: int, bc: bool, params: int, macs: int,
                    paper_params: float) -> None:
    kind = "DenseNet-BC" if bc else "DenseNet"
    figures = (*_ours(params, macs, f"{kind} (L={depth}, k={growth_rate}), 10 classes", 32),
               Figure(paper_params, "params", f"{_HUANG}, Table 2 ({kind}, L={depth}, k={growth_rate})", False))

    def build(**kwargs) -> DenseNet:
        return densenet_cifar(depth, growth_rate, bc, **kwargs)

    build.__name__ = build.__qualname__ = name
    build.__doc__ = f"{kind} (L={depth}, k={growth_rate}) for CIFAR (Table 2)."
    register_model(name, family="DenseNet", published=figures, canonical_input=(3, 32, 32), num_classes=10)(build)


# name, L, k, BC, our params, our MACs at 32x32, Table 2's rounded params
for _row in (
    ("densenet40_k12_cifar", 40, 12, False, 1_019_722, 264_812_928, 1.0e6),
    ("densenet100_k12_cifar", 100, 12, False, 6_979_642, 1_769_516_448, 7.0e6),
    ("densenet100_k24_cifar", 100, 24, False, 27_249_082, 6_889_347_744, 27.2e6),
    ("densenet_bc100_k12_cifar", 100, 12, True, 769_162, 287_929_692, 0.8e6),
    ("densenet_bc250_k24_cifar", 250, 24, True, 15_324_406, 5_418_785_724, 15.3e6),
    ("densenet_bc190_k40_cifar", 190, 40, True, 25_624_430, 9_301_945_740, 25.6e6),
):
    _register_cifar(*_row)


_TV = "torchvision densenet{} (timm's is identical)"


@register_model("densenet121", family="DenseNet", twin="torchvision:densenet121", published=(
    *_ours(7_978_856, 2_834_161_664, _TV.format(121), 224),
    Figure(74.98, "top1", f"{_HUANG}, Table 3: 25.02% top-1 error (single crop)", False),
    Figure(8_062_504, "params", "Keras applications DenseNet121", False, note=_KERAS_BN.format(41_824)),
))
def densenet121(**kwargs) -> DenseNet:
    return densenet_imagenet(121, **kwargs)


@register_model("densenet161", family="DenseNet", twin="torchvision:densenet161",
                published=_ours(28_681_000, 7_727_907_072, _TV.format(161), 224))
def densenet161(**kwargs) -> DenseNet:
    return densenet_imagenet(161, **kwargs)


@register_model("densenet169", family="DenseNet", twin="torchvision:densenet169", published=(
    *_ours(14_149_480, 3_359_843_328, _TV.format(169), 224),
    Figure(76.20, "top1", f"{_HUANG}, Table 3: 23.80% top-1 error (single crop)", False),
    Figure(14_307_880, "params", "Keras applications DenseNet169", False, note=_KERAS_BN.format(79_200)),
))
def densenet169(**kwargs) -> DenseNet:
    return densenet_imagenet(169, **kwargs)


@register_model("densenet201", family="DenseNet", twin="torchvision:densenet201", published=(
    *_ours(20_013_928, 4_291_365_888, _TV.format(201), 224),
    Figure(77.42, "top1", f"{_HUANG}, Table 3: 22.58% top-1 error (single crop)", False),
    Figure(20e6, "params", f"{_HUANG}, Sec. 4.4 ('DenseNet-201 with 20M parameters')", False),
    Figure(20_242_984, "params", "Keras applications DenseNet201", False, note=_KERAS_BN.format(114_528)),
))
def densenet201(**kwargs) -> DenseNet:
    return densenet_imagenet(201, **kwargs)
