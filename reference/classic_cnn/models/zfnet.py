"""ZFNet (Zeiler & Fergus 2013, Visualizing and Understanding Convolutional Networks).

AlexNet's layout with a 7 x 7 / 2 conv1 and a 5 x 5 / 2 conv2 (smaller first-layer filters and
stride, after the paper's visualisations showed aliasing), in one tower. Fig. 3's map sizes
(110 -> 55 -> 26 -> 13 -> 6) need padding 1 on conv1 and 3 x 3 / 2 pools that round up.

The default widths of conv3-5 are 512-1024-512, the course's ZFNet (and the paper's best single
model, Table 2 "layers 3,4,5: 512, 1024, 512 maps"); ``widths=(384, 384, 256)`` gives the network of
Fig. 3 (62,357,608 parameters). Contrast normalisation after conv1/conv2 is the paper's; its exact
form is unspecified, so it is AlexNet's LRN here (no parameters either way).
"""

from __future__ import annotations

from typing import Sequence

from ..registry import Figure, register_model
from .alexnet import AlexNet, ConvLayer

__all__ = ["zfnet_layers", "zfnet"]


def zfnet_layers(widths: Sequence[int] = (512, 1024, 512)) -> tuple[ConvLayer, ...]:
    w3, w4, w5 = widths
    return (
        ConvLayer(96, 7, stride=2, padding=1, lrn=True, pool=True),  # 224 -> 110 -> 55
        ConvLayer(256, 5, stride=2, lrn=True, pool=True),  # 55 -> 26 -> 13
        ConvLayer(w3, 3, padding=1),
        ConvLayer(w4, 3, padding=1),
        ConvLayer(w5, 3, padding=1, pool=True),  # 13 -> 6
    )


_ZEILER_2013 = "Zeiler & Fergus 2013, Visualizing and Understanding Convolutional Networks"


@register_model(
    "zfnet",
    family="AlexNet",
    canonical_input=(3, 224, 224),
    published=(
        Figure(107_627_624, "params", "classic_cnn reference, conv3-5 = 512/1024/512", True),
        Figure(2_476_704_896, "MACs", "classic_cnn reference, conv3-5 = 512/1024/512, 224x224", True),
        Figure(62_357_608, "params", "classic_cnn reference, widths=(384, 384, 256) (Fig. 3)", True),
        Figure(62.5, "top1", f"{_ZEILER_2013}, Table 2: one convnet, layers 3-5 512/1024/512, "
                             "37.5% top-1 error (ILSVRC-2012 val)", False),
    ),
)
def zfnet(widths: Sequence[int] = (512, 1024, 512), **kwargs) -> AlexNet:
    return AlexNet(zfnet_layers(widths), ceil_pools=True, **kwargs)
