"""VGG configurations A, A-LRN, B, C, D and E (Simonyan & Zisserman 2014, Table 1).

Layout and ``state_dict`` keys are torchvision's (``features`` / ``avgpool`` / ``classifier``), so
configs A, B, D and E load torchvision's ``vgg11``/``vgg13``/``vgg16``/``vgg19`` weights as they are.
Convs carry biases and there is no BatchNorm (the paper predates it). The adaptive 7 x 7 pool
before the classifier is torchvision's: an identity at the paper's 224 x 224, it lets smaller
inputs through the fixed-size fc layers.
"""

from __future__ import annotations

from typing import Sequence, Union

import torch
import torch.nn as nn

from ..registry import Figure, register_model
from .alexnet import paper_lrn

__all__ = ["VGG_CONFIGS", "VGG", "vgg_features", "vgg11", "vgg11_lrn", "vgg13", "vgg16_c", "vgg16", "vgg19"]

# A conv layer is its width (3x3, pad 1) or (width, 1) for config C's 1x1 convs; "M" is a 2x2/2
# max pool; "LRN" is A-LRN's normalisation after the first conv's ReLU.
Layer = Union[int, tuple[int, int], str]
_B_HEAD: list[Layer] = [64, 64, "M", 128, 128, "M"]
VGG_CONFIGS: dict[str, tuple[Layer, ...]] = {
    "A": (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "A-LRN": (64, "LRN", "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "B": (*_B_HEAD, 256, 256, "M", 512, 512, "M", 512, 512, "M"),
    "C": (*_B_HEAD, 256, 256, (256, 1), "M", 512, 512, (512, 1), "M", 512, 512, (512, 1), "M"),
    "D": (*_B_HEAD, 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"),
    "E": (*_B_HEAD, 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"),
}


def vgg_features(config: Sequence[Layer], in_channels: int = 3) -> nn.Sequential:
    layers: list[nn.Module] = []
    channels = in_channels
    for layer in config:
        if layer == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        elif layer == "LRN":
            layers.append(paper_lrn())
        else:
            width, kernel = layer if isinstance(layer, tuple) else (layer, 3)
            layers += [nn.Conv2d(channels, width, kernel, padding=kernel // 2), nn.ReLU(inplace=True)]
            channels = width
    return nn.Sequential(*layers)


class VGG(nn.Module):
    """Conv stack of ``VGG_CONFIGS[config]``, then fc 4096 -> fc 4096 -> fc ``num_classes`` (dropout 0.5)."""

    def __init__(self, config: str = "D", num_classes: int = 1000, dropout: float = 0.5) -> None:
        super().__init__()
        if config not in VGG_CONFIGS:
            raise ValueError(f"unknown VGG config {config!r}; the paper's are {', '.join(VGG_CONFIGS)}")
        self.config = config
        self.features = vgg_features(VGG_CONFIGS[config])
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096), nn.ReLU(inplace=True), nn.Dropout(dropout),
            nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Dropout(dropout),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


_SIMONYAN_2014 = "Simonyan & Zisserman 2014, Very Deep Convolutional Networks"
_TABLE2 = f"{_SIMONYAN_2014}, Table 2"
_TABLE3 = f"{_SIMONYAN_2014}, Table 3 (S = Q = 256, ILSVRC-2012 val)"
_EXACT = "classic_cnn reference, Table 1 config"
_WEIGHTS_ONLY = "Table 2 rounds the total to the nearest million"


def _figures(config: str, params: int, macs: int, paper_millions: int, top1_error: float,
             library: str | None) -> tuple[Figure, ...]:
    same = f" (= {library})" if library else ""
    return (
        Figure(params, "params", f"{_EXACT} {config}{same}", True),
        Figure(macs, "MACs", f"{_EXACT} {config}, 224x224", True),
        Figure(paper_millions * 1e6, "params", _TABLE2, False, note=_WEIGHTS_ONLY),
        Figure(round(100 - top1_error, 1), "top1", f"{_TABLE3}: {top1_error}% top-1 error", False),
    )


@register_model("vgg11", family="VGG", twin="torchvision:vgg11",
                published=_figures("A", 132_863_336, 7_609_090_048, 133, 29.6, "torchvision vgg11"))
def vgg11(**kwargs) -> VGG:
    return VGG("A", **kwargs)


@register_model("vgg11_lrn", family="VGG",
                published=_figures("A-LRN", 132_863_336, 7_609_090_048, 133, 29.7, None))
def vgg11_lrn(**kwargs) -> VGG:
    return VGG("A-LRN", **kwargs)


@register_model("vgg13", family="VGG", twin="torchvision:vgg13",
                published=_figures("B", 133_047_848, 11_308_466_176, 133, 28.7, "torchvision vgg13"))
def vgg13(**kwargs) -> VGG:
    return VGG("B", **kwargs)


@register_model("vgg16_c", family="VGG",
                published=_figures("C", 133_638_952, 11_770_888_192, 134, 28.1, None))
def vgg16_c(**kwargs) -> VGG:
    return VGG("C", **kwargs)


@register_model(
    "vgg16", family="VGG", twin="torchvision:vgg16",
    published=(
        *_figures("D", 138_357_544, 15_470_264_320, 138, 27.0, "torchvision vgg16"),
        Figure(138_357_544, "params", "Keras applications VGG16", True),
        Figure(15.5e9, "MACs", "Sze et al. 2017, Efficient Processing of Deep Neural Networks", False),
        Figure(15.47e9, "MACs", "Hu et al. 2017, Squeeze-and-Excitation Networks, Table 2", False),
    ),
)
def vgg16(**kwargs) -> VGG:
    return VGG("D", **kwargs)


@register_model(
    "vgg19", family="VGG", twin="torchvision:vgg19",
    published=(
        *_figures("E", 143_667_240, 19_632_062_464, 144, 27.3, "torchvision vgg19"),
        Figure(143_667_240, "params", "Keras applications VGG19", True),
        Figure(19.6e9, "MACs", "He et al. 2015, Deep Residual Learning, Table 3 / Fig. 3", False),
    ),
)
def vgg19(**kwargs) -> VGG:
    return VGG("E", **kwargs)
