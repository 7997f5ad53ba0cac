"""Building blocks shared by the model families and the course's reference (one module per idea)."""

from .attention import ECAModule, SEModule, eca_kernel_size, se_hidden, se_params
from .grouped import group_conv, group_conv_params
from .inception import FactorizedConv, InceptionBlock, conv1x1, conv_params, inception_macs
from .residual import (BasicBlock, Bottleneck, PreActBlock, basic_block, bottleneck_block, resnext_block,
                       se_residual_block)

__all__ = ["FactorizedConv", "InceptionBlock", "conv1x1", "conv_params", "inception_macs",
           "BasicBlock", "Bottleneck", "PreActBlock", "basic_block", "bottleneck_block", "resnext_block",
           "se_residual_block", "SEModule", "ECAModule", "eca_kernel_size", "se_hidden", "se_params",
           "group_conv", "group_conv_params"]
from .convnext import ConvNeXtBlock, LayerNorm2d  # noqa: E402
from .mobile import DepthwiseSeparable, InvertedResidual, MBConv, StochasticDepth, make_divisible  # noqa: E402
from .repvgg import RepVGGBlock  # noqa: E402
from .shuffle import ShuffleV1Unit, ShuffleV2Unit, channel_shuffle  # noqa: E402

__all__ += ["ConvNeXtBlock", "LayerNorm2d", "DepthwiseSeparable", "InvertedResidual", "MBConv", "StochasticDepth",
            "make_divisible", "RepVGGBlock", "ShuffleV1Unit", "ShuffleV2Unit", "channel_shuffle"]
