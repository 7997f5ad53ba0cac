"""GoogLeNet as torchvision builds it: the library's layout, kept apart so its deviations are tested.

torchvision's ``googlenet`` is not the paper's network (see :mod:`.googlenet`): every conv is
bias-free and followed by BatchNorm (eps 1e-3); the third branch uses a 3 x 3 conv where the paper
has 5 x 5 (a slip kept for weight compatibility); the pool before 5a is 2 x 2; dropout is 0.2; the
auxiliary heads pool adaptively to 4 x 4 and carry BatchNorm. This module reproduces that layout
with torchvision's ``state_dict`` keys, so its weights load as they are.
"""

from __future__ import annotations

import torch
import torch.nn as nn

from ..registry import Figure, register_model
from .googlenet import INCEPTION_V1_TABLE, GoogLeNetOutputs

__all__ = ["BasicConv2d", "TorchvisionInception", "TorchvisionAux", "GoogLeNetTorchvision", "googlenet_torchvision"]


class BasicConv2d(nn.Module):
    """conv (no bias) -> BatchNorm (eps 1e-3, TensorFlow's) -> ReLU."""

    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, stride: int = 1,
                 padding: int = 0) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.bn(self.conv(x)))


class TorchvisionInception(nn.Module):
    """Four branches like the paper's block, but BN everywhere and a 3 x 3 conv in the "5 x 5" branch."""

    def __init__(self, in_channels: int, filters: tuple[int, int, int, int, int, int]) -> None:
        super().__init__()
        f1, f3r, f3, f5r, f5, pp = filters
        self.out_channels = f1 + f3 + f5 + pp
        self.branch1 = BasicConv2d(in_channels, f1, 1)
        self.branch2 = nn.Sequential(BasicConv2d(in_channels, f3r, 1), BasicConv2d(f3r, f3, 3, padding=1))
        self.branch3 = nn.Sequential(BasicConv2d(in_channels, f5r, 1), BasicConv2d(f5r, f5, 3, padding=1))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1, ceil_mode=True),
                                     BasicConv2d(in_channels, pp, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)], dim=1)


class TorchvisionAux(nn.Module):
    """Adaptive 4 x 4 average pool -> BasicConv2d 128 -> fc 1024 + ReLU -> dropout 0.7 -> fc."""

    def __init__(self, in_channels: int, num_classes: int, dropout: float = 0.7) -> None:
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d((4, 4))
        self.conv = BasicConv2d(in_channels, 128, 1)
        self.fc1 = nn.Linear(2048, 1024)
        self.fc2 = nn.Linear(1024, num_classes)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(self.conv(self.pool(x)), 1)
        return self.fc2(self.dropout(torch.relu(self.fc1(x))))


class GoogLeNetTorchvision(nn.Module):
    """torchvision's GoogLeNet (``transform_input=False``); ``forward`` as :class:`.googlenet.GoogLeNet`."""

    def __init__(self, num_classes: int = 1000, aux_logits: bool = False, dropout: float = 0.2) -> None:
        super().__init__()
        self.aux_logits = aux_logits
        rows = {row.name: row for row in INCEPTION_V1_TABLE}

        def inception(name: str) -> TorchvisionInception:
            return TorchvisionInception(rows[name].in_channels, rows[name].filters)

        def pool(kernel_size: int = 3) -> nn.MaxPool2d:
            return nn.MaxPool2d(kernel_size, stride=2, ceil_mode=True)

        self.conv1 = BasicConv2d(3, 64, 7, stride=2, padding=3)
        self.maxpool1 = pool()
        self.conv2 = BasicConv2d(64, 64, 1)
        self.conv3 = BasicConv2d(64, 192, 3, padding=1)
        self.maxpool2 = pool()
        self.inception3a = inception("3a")
        self.inception3b = inception("3b")
        self.maxpool3 = pool()
        self.inception4a = inception("4a")
        self.inception4b = inception("4b")
        self.inception4c = inception("4c")
        self.inception4d = inception("4d")
        self.inception4e = inception("4e")
        self.maxpool4 = pool(2)  # the paper's is 3 x 3 / 2
        self.inception5a = inception("5a")
        self.inception5b = inception("5b")
        self.aux1 = TorchvisionAux(512, num_classes) if aux_logits else None
        self.aux2 = TorchvisionAux(528, num_classes) if aux_logits else None
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(1024, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor | GoogLeNetOutputs:
        with_aux = self.aux_logits and self.training
        x = self.maxpool1(self.conv1(x))
        x = self.maxpool2(self.conv3(self.conv2(x)))
        x = self.maxpool3(self.inception3b(self.inception3a(x)))
        x = self.inception4a(x)
        aux1 = self.aux1(x) if with_aux else None
        x = self.inception4d(self.inception4c(self.inception4b(x)))
        aux2 = self.aux2(x) if with_aux else None
        x = self.maxpool4(self.inception4e(x))
        x = self.inception5b(self.inception5a(x))
        logits = self.fc(self.dropout(torch.flatten(self.avgpool(x), 1)))
        return GoogLeNetOutputs(logits, aux1, aux2) if with_aux else logits


_SZEGEDY_2014 = "Szegedy et al. 2014, Going Deeper with Convolutions"
_LAYOUT = "torchvision's 3x3 '5x5' branch, bias-free convs with BN"


@register_model(
    "googlenet_torchvision",
    family="Inception",
    twin="torchvision:googlenet",
    twin_kwargs={"aux_logits": False, "init_weights": True},
    published=(
        Figure(6_624_904, "params", "classic_cnn reference, torchvision layout, no aux heads "
                                    "(= torchvision googlenet(aux_logits=False))", True),
        Figure(1_498_376_192, "MACs", "classic_cnn reference, torchvision layout, 224x224", True),
        Figure(13_004_888, "params", "classic_cnn reference, torchvision layout, aux_logits=True", True),
        Figure(6.8e6, "params", f"{_SZEGEDY_2014}, Table 1 total (weights only, K = 1024)", False,
               note=f"{_LAYOUT}: 380,928 fewer weights than the paper's 6,990,272; BN adds 14,560 parameters"),
        Figure(1.5e9, "MACs", f"{_SZEGEDY_2014}, Sec. 5 / Table 1 ops column", False,
               note=f"{_LAYOUT} and a 2x2 pool before 5a: 84.3M fewer MACs than the paper's layout"),
    ),
)
def googlenet_torchvision(**kwargs) -> GoogLeNetTorchvision:
    return GoogLeNetTorchvision(**kwargs)
