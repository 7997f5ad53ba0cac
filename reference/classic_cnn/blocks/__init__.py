"""Building blocks shared by the model families and the course's reference (one module per idea)."""

from .attention import ECAModule, SEModule, eca_kernel_size, se_hidden, se_params
from .grouped import SplitGroupConv, group_conv, group_conv_params
from .inception import FactorizedConv, InceptionBlock, conv1x1, conv_params, inception_macs
from .residual import (BasicBlock, Bottleneck, PreActBlock, basic_block, bottleneck_block, resnext_block,
                       se_residual_block)

__all__ = ["FactorizedConv", "InceptionBlock", "conv1x1", "conv_params", "inception_macs",
           "BasicBlock", "Bottleneck", "PreActBlock", "basic_block", "bottleneck_block", "resnext_block",
           "se_residual_block", "SEModule", "ECAModule", "eca_kernel_size", "se_hidden", "se_params",
           "group_conv", "group_conv_params", "SplitGroupConv"]
