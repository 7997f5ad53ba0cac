"""GoogLeNet / Inception v1 in the layout of Szegedy et al. 2014, Table 1.

Differences from ``torchvision.models.googlenet`` are deliberate: this is the paper's network
(5x5 convs in the third branch, conv biases, no BatchNorm, 3x3 max pool before 5a, dropout 0.4,
aux heads with a 5x5/3 average pool). LRN is left out, as in the course's task.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import NamedTuple

import torch
import torch.nn as nn

from ..blocks.inception import InceptionBlock, conv1x1
from ..registry import Figure, register_model

__all__ = ["GoogLeNet", "GoogLeNetOutputs", "InceptionRow", "INCEPTION_V1_TABLE", "paper_table1", "googlenet"]


class InceptionRow(NamedTuple):
    """One inception row of Table 1, with the paper's printed figures beside the filter numbers."""

    name: str
    in_channels: int
    filters: tuple[int, int, int, int, int, int]  # [#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj]
    output_size: tuple[int, int, int]  # (H, W, C) at 224 with the paper's 56/28/14/7 maps
    paper_params_k: int  # weights only, K = 1024; several rows disagree with their own filters
    paper_ops_m: int  # multiply-adds, M = 10**6; 5a's 54 disagrees with its filters (51.1 M)


INCEPTION_V1_TABLE: tuple[InceptionRow, ...] = (
    InceptionRow("3a", 192, (64, 96, 128, 16, 32, 32), (28, 28, 256), 159, 128),
    InceptionRow("3b", 256, (128, 128, 192, 32, 96, 64), (28, 28, 480), 380, 304),
    InceptionRow("4a", 480, (192, 96, 208, 16, 48, 64), (14, 14, 512), 364, 73),
    InceptionRow("4b", 512, (160, 112, 224, 24, 64, 64), (14, 14, 512), 437, 88),
    InceptionRow("4c", 512, (128, 128, 256, 24, 64, 64), (14, 14, 512), 463, 100),
    InceptionRow("4d", 512, (112, 144, 288, 32, 64, 64), (14, 14, 528), 580, 119),
    InceptionRow("4e", 528, (256, 160, 320, 32, 128, 128), (14, 14, 832), 840, 170),
    InceptionRow("5a", 832, (256, 160, 320, 32, 128, 128), (7, 7, 832), 1072, 54),
    InceptionRow("5b", 832, (384, 192, 384, 48, 128, 128), (7, 7, 1024), 1388, 71),
)
_ROWS = {row.name: row for row in INCEPTION_V1_TABLE}


def paper_table1() -> tuple[InceptionRow, ...]:
    """The nine inception rows of Table 1 (3a..5b), for layer-by-layer reports."""
    return INCEPTION_V1_TABLE


class GoogLeNetOutputs(NamedTuple):
    logits: torch.Tensor
    aux1: torch.Tensor
    aux2: torch.Tensor


def _conv_relu(in_channels: int, out_channels: int, kernel_size: int, stride: int = 1, padding: int = 0):
    return nn.Sequential(nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding), nn.ReLU())


class AuxClassifier(nn.Sequential):
    """The paper's auxiliary head: avg pool 5x5/3 -> 1x1 conv 128 + ReLU -> fc 1024 + ReLU -> dropout 0.7 -> fc.

    The fc expects the 4x4x128 map that a 14x14 input (4a, 4d at 224, ceil pools) pools down to.
    """

    def __init__(self, in_channels: int, num_classes: int, dropout: float = 0.7) -> None:
        super().__init__(
            OrderedDict(
                pool=nn.AvgPool2d(kernel_size=5, stride=3),
                conv=conv1x1(in_channels, 128),
                relu_conv=nn.ReLU(),
                flatten=nn.Flatten(1),
                fc1=nn.Linear(4 * 4 * 128, 1024),
                relu_fc=nn.ReLU(),
                dropout=nn.Dropout(dropout),
                fc2=nn.Linear(1024, num_classes),
            )
        )


def _max_pool(pool_mode: str) -> nn.MaxPool2d:
    # Table 1's sizes (112 -> 56 -> 28 -> 14 -> 7) need the pools to round up, as Caffe did;
    # rounding down gives 55/27/13/6, the layout behind the oft-quoted 1.43 G MACs.
    return nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=(pool_mode == "ceil"))


class GoogLeNet(nn.Module):
    """Inception v1 built from :class:`InceptionBlock` and the filter numbers of Table 1.

    ``pool_mode="ceil"`` reproduces the paper's feature-map sizes (6,998,552 params and
    1,582,671,872 MACs at 224); ``"floor"`` gives 1,431,556,352 MACs. With ``aux_logits=True``
    the two auxiliary heads on 4a and 4d are built and, in ``train()`` mode only, ``forward``
    returns ``GoogLeNetOutputs(logits, aux1, aux2)``.
    """

    def __init__(
        self,
        num_classes: int = 1000,
        aux_logits: bool = False,
        dropout: float = 0.4,
        pool_mode: str = "ceil",
    ) -> None:
        super().__init__()
        if pool_mode not in ("ceil", "floor"):
            raise ValueError(f"pool_mode must be 'ceil' or 'floor', got {pool_mode!r}")
        if aux_logits and pool_mode != "ceil":
            raise ValueError("the auxiliary heads need the paper's 14x14 maps at 4a/4d: use pool_mode='ceil'")
        self.aux_logits = aux_logits
        self.pool_mode = pool_mode

        def inception(name: str) -> InceptionBlock:
            row = _ROWS[name]
            return InceptionBlock(row.in_channels, row.filters)

        self.conv1 = _conv_relu(3, 64, 7, stride=2, padding=3)
        self.maxpool1 = _max_pool(pool_mode)
        self.conv2 = _conv_relu(64, 64, 1)
        self.conv3 = _conv_relu(64, 192, 3, padding=1)
        self.maxpool2 = _max_pool(pool_mode)

        self.inception3a = inception("3a")
        self.inception3b = inception("3b")
        self.maxpool3 = _max_pool(pool_mode)

        self.inception4a = inception("4a")
        self.inception4b = inception("4b")
        self.inception4c = inception("4c")
        self.inception4d = inception("4d")
        self.inception4e = inception("4e")
        self.maxpool4 = _max_pool(pool_mode)

        self.inception5a = inception("5a")
        self.inception5b = inception("5b")

        self.aux1 = AuxClassifier(self.inception4a.out_channels, num_classes) if aux_logits else None
        self.aux2 = AuxClassifier(self.inception4d.out_channels, num_classes) if aux_logits else None

        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(self.inception5b.out_channels, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor | GoogLeNetOutputs:
        with_aux = self.aux_logits and self.training

        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))

        x = self.inception3b(self.inception3a(x))
        x = self.maxpool3(x)

        x = self.inception4a(x)
        aux1 = self.aux1(x) if with_aux else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = self.aux2(x) if with_aux else None
        x = self.inception4e(x)
        x = self.maxpool4(x)

        x = self.inception5b(self.inception5a(x))
        logits = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))

        if with_aux:
            return GoogLeNetOutputs(logits, aux1, aux2)
        return logits


_SZEGEDY_2014 = "Szegedy et al. 2014, Going Deeper with Convolutions"
_SZE_2017 = "Sze et al. 2017, Efficient Processing of Deep Neural Networks (complexity table)"
_EXACT = "classic_cnn reference (paper layout, conv biases, 1000 classes)"

GOOGLENET_FIGURES: tuple[Figure, ...] = (
    Figure(6.8e6, "params", f"{_SZEGEDY_2014}, Table 1 total (weights only, K = 1024, no aux heads)", False,
           note="Table 1 counts weights only, in K = 1024: our 6,990,272 weights are 6,826K, printed 6.8M; "
                "the other 8,280 are biases"),
    Figure(5e6, "params", "Szegedy et al. 2015, Rethinking the Inception Architecture, Sec. 1", False,
           note="a loose recollection in a later paper; Table 1's own rows sum to 6.8M weights"),
    Figure(7e6, "params", _SZE_2017, False),
    Figure(1.5e9, "MACs", f"{_SZEGEDY_2014}, Sec. 5 / Table 1 ops column", False,
           note="Sec. 5's '1.5 billion multiply-adds' is a round design budget, not a count; Table 1's "
                "per-layer ops agree with ours (inception3a: 128M, ours 128,049,152)"),
    Figure(1.43e9, "MACs", f"{_SZE_2017}; matches the floor-mode pooling layout", False,
           note="counts 3x3/2 pools that round down (maps 55/27/13/6): pool_mode='floor' gives "
                "1,431,556,352; the paper's 56/28/14/7 maps give 1,582,671,872"),
    Figure(6_998_552, "params", f"{_EXACT}, no aux heads", True),
    Figure(6_990_272, "params", f"{_EXACT}, no aux heads, weights only (Table 1's convention)", True),
    Figure(13_378_280, "params", f"{_EXACT}, with both aux heads", True),
    Figure(1_582_671_872, "MACs", f"{_EXACT}, 224x224, pool_mode='ceil'", True),
    Figure(1_431_556_352, "MACs", f"{_EXACT}, 224x224, pool_mode='floor'", True),
    Figure(71.0, "top1", "Szegedy et al. 2015, Rethinking the Inception Architecture, Table 3: GoogLeNet "
           "29% top-1 error (single crop)", False),
)


@register_model("googlenet", family="Inception", published=GOOGLENET_FIGURES)
def googlenet(**kwargs) -> GoogLeNet:
    return GoogLeNet(**kwargs)
