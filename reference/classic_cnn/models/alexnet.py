"""AlexNet (Krizhevsky, Sutskever & Hinton 2012) and the single-tower variants people call AlexNet.

Three registry entries, one class:

- ``alexnet``: the paper's network. 96-256-384-384-256 kernels on a 227 x 227 input (the paper's
  "224" is a known slip: an unpadded 11 x 11 / 4 conv needs 227 to give 55 x 55), LRN after the
  first two ReLUs, overlapping 3 x 3 / 2 max pools, and the two-GPU split kept as ``groups=2`` on
  conv2, conv4 and conv5 (conv3 and the fc layers read both towers): 60,965,224 parameters.
- ``alexnet_ungrouped``: the same without the split (one tower reads every channel): 62,378,344.
- ``alexnet_torchvision``: torchvision's ``alexnet``, which is the single-tower network of
  Krizhevsky's 2014 "One weird trick" paper (64-192-384-256-256, padded conv1, no LRN, an adaptive
  6 x 6 pool): 61,100,840 parameters and the same ``state_dict`` keys.

All three keep torchvision's ``features`` / ``avgpool`` / ``classifier`` layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import torch
import torch.nn as nn

from ..registry import Figure, register_model

__all__ = ["ConvLayer", "AlexNet", "paper_lrn", "alexnet", "alexnet_ungrouped", "alexnet_torchvision"]


def paper_lrn() -> nn.LocalResponseNorm:
    """Local response normalisation with Krizhevsky's constants: k=2, n=5, alpha=1e-4, beta=0.75.

    The paper divides by ``(k + alpha * sum a^2)^beta``; PyTorch (like Caffe) scales the sum by
    ``alpha / n``, so the paper's alpha is passed as ``n * alpha``. LRN has no parameters.
    """
    size = 5
    return nn.LocalResponseNorm(size, alpha=size * 1e-4, beta=0.75, k=2.0)


@dataclass(frozen=True)
class ConvLayer:
    """One conv stage of the feature extractor: conv -> ReLU [-> LRN] [-> max pool 3x3/2]."""

    out_channels: int
    kernel_size: int
    stride: int = 1
    padding: int = 0
    groups: int = 1
    lrn: bool = False
    pool: bool = False


ALEXNET_LAYERS = (
    ConvLayer(96, 11, stride=4, lrn=True, pool=True),  # 227 -> 55 -> 27
    ConvLayer(256, 5, padding=2, groups=2, lrn=True, pool=True),  # 27 -> 13
    ConvLayer(384, 3, padding=1),  # reads both towers
    ConvLayer(384, 3, padding=1, groups=2),
    ConvLayer(256, 3, padding=1, groups=2, pool=True),  # 13 -> 6
)

TORCHVISION_LAYERS = (
    ConvLayer(64, 11, stride=4, padding=2, pool=True),  # 224 -> 55 -> 27
    ConvLayer(192, 5, padding=2, pool=True),
    ConvLayer(384, 3, padding=1),
    ConvLayer(256, 3, padding=1),
    ConvLayer(256, 3, padding=1, pool=True),
)


class AlexNet(nn.Module):
    """Five conv stages, then fc 4096 -> fc 4096 -> fc ``num_classes`` with dropout 0.5 on the two hidden fcs.

    ``pool_output`` sizes the last map the classifier reads. ``adaptive_pool=True`` (torchvision)
    pools any input down to it; otherwise the input size must produce it (227 for the paper), as in
    the paper's fixed-size network. ``ceil_pools`` rounds the 3x3/2 pools up (ZFNet's Fig. 3 sizes).
    ``dropout_first`` puts dropout before each hidden fc (torchvision) instead of after its ReLU.
    """

    def __init__(
        self,
        layers: Sequence[ConvLayer] = ALEXNET_LAYERS,
        num_classes: int = 1000,
        in_channels: int = 3,
        pool_output: int = 6,
        adaptive_pool: bool = False,
        ceil_pools: bool = False,
        dropout: float = 0.5,
        dropout_first: bool = False,
    ) -> None:
        super().__init__()
        features: list[nn.Module] = []
        channels = in_channels
        for layer in layers:
            features += [
                nn.Conv2d(channels, layer.out_channels, layer.kernel_size, layer.stride, layer.padding,
                          groups=layer.groups),
                nn.ReLU(inplace=True),
            ]
            if layer.lrn:
                features.append(paper_lrn())
            if layer.pool:
                features.append(nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=ceil_pools))
            channels = layer.out_channels
        self.features = nn.Sequential(*features)
        self.avgpool = nn.AdaptiveAvgPool2d(pool_output) if adaptive_pool else nn.Identity()
        flat = channels * pool_output * pool_output
        if dropout_first:
            head = [nn.Dropout(dropout), nn.Linear(flat, 4096), nn.ReLU(inplace=True),
                    nn.Dropout(dropout), nn.Linear(4096, 4096), nn.ReLU(inplace=True)]
        else:
            head = [nn.Linear(flat, 4096), nn.ReLU(inplace=True), nn.Dropout(dropout),
                    nn.Linear(4096, 4096), nn.ReLU(inplace=True), nn.Dropout(dropout)]
        self.classifier = nn.Sequential(*head, nn.Linear(4096, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(torch.flatten(self.avgpool(self.features(x)), 1))


_KRIZHEVSKY_2012 = "Krizhevsky et al. 2012, ImageNet Classification with Deep CNNs"
_SZE_2017 = "Sze et al. 2017, Efficient Processing of Deep Neural Networks (complexity table)"
_EXACT = "classic_cnn reference"


@register_model(
    "alexnet",
    family="AlexNet",
    canonical_input=(3, 227, 227),
    published=(
        Figure(60_965_224, "params", f"{_EXACT}, paper layout with the two-GPU groups", True),
        Figure(724_406_816, "MACs", f"{_EXACT}, 227x227", True),
        Figure(60e6, "params", f'{_KRIZHEVSKY_2012}, abstract: "60 million parameters"', False),
        Figure(61e6, "params", f"{_SZE_2017}: 2.3M conv + 58.6M fc weights", False,
               note="weights only: 60,954,656 without the 10,568 biases"),
        Figure(724e6, "MACs", f"{_SZE_2017}: 666M conv + 58.6M fc", False),
        Figure(59.3, "top1", f"{_KRIZHEVSKY_2012}, Table 2: one CNN, 40.7% top-1 error (ILSVRC-2012 val)", False),
    ),
)
def alexnet(**kwargs) -> AlexNet:
    return AlexNet(ALEXNET_LAYERS, **kwargs)


@register_model(
    "alexnet_ungrouped",
    family="AlexNet",
    canonical_input=(3, 227, 227),
    published=(
        Figure(62_378_344, "params", f"{_EXACT}, paper layout in one tower (no groups)", True),
        Figure(1_135_256_096, "MACs", f"{_EXACT}, 227x227", True),
        Figure(61e6, "params", "course seed: AlexNet 60M/61M, CaffeNet single-GPU variant", False,
               note="ungrouped conv2/4/5 see every input channel: +1.41M parameters over the grouped "
                    "net; BVLC CaffeNet itself keeps group 2 and so has AlexNet's 60,965,224"),
    ),
)
def alexnet_ungrouped(**kwargs) -> AlexNet:
    layers = tuple(ConvLayer(**{**vars(layer), "groups": 1}) for layer in ALEXNET_LAYERS)
    return AlexNet(layers, **kwargs)


@register_model(
    "alexnet_torchvision",
    family="AlexNet",
    canonical_input=(3, 224, 224),
    twin="torchvision:alexnet",
    published=(
        Figure(61_100_840, "params", f"{_EXACT}, torchvision layout (= torchvision.models.alexnet)", True),
        Figure(714_188_480, "MACs", f"{_EXACT}, torchvision layout, 224x224", True),
        Figure(61e6, "params", f"{_SZE_2017} (for the paper's AlexNet)", False,
               note="a different network: Krizhevsky 2014's single tower 64-192-384-256-256, "
                    "padded conv1, no LRN"),
        Figure(724e6, "MACs", f"{_SZE_2017} (for the paper's AlexNet)", False,
               note="the narrower conv1/conv2 of the 2014 variant cost 10M fewer MACs at 224"),
    ),
)
def alexnet_torchvision(**kwargs) -> AlexNet:
    options = dict(pool_output=6, adaptive_pool=True, dropout_first=True)
    return AlexNet(TORCHVISION_LAYERS, **{**options, **kwargs})
