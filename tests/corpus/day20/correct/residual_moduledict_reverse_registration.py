"""Layers in an nn.ModuleDict registered in reverse order (shortcut first, conv2 before conv1).

TASK: ResidualBlock
"""
from torch import nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        layers = {}
        if stride != 1 or in_channels != out_channels:
            layers["proj_bn"] = nn.BatchNorm2d(out_channels)
            layers["proj"] = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
        layers["bn_b"] = nn.BatchNorm2d(out_channels)
        layers["conv_b"] = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        layers["bn_a"] = nn.BatchNorm2d(out_channels)
        layers["conv_a"] = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.layers = nn.ModuleDict(layers)

    def forward(self, x):
        L = self.layers
        main = L["bn_b"](L["conv_b"](F.relu(L["bn_a"](L["conv_a"](x)))))
        shortcut = L["proj_bn"](L["proj"](x)) if "proj" in L else x
        return F.relu(main + shortcut)
