"""Building blocks shared by the model families, the course's tasks and the grader (one module per idea).

Where two families' twins lay out the same idea under different keys, both layouts live in the one
module of that idea (``conv_norm_act``: named ``conv``/``bn``; ``mobile.conv_bn_act``: torchvision's
indexed ``Conv2dNormActivation``), so a reference network loads its twin's ``state_dict`` as it is.
"""

from .attention import ECAModule, SEModule, eca_kernel_size, se_hidden, se_params
from .cbam import CBAM, ChannelAttention, SpatialAttention, cbam_params
from .conv_norm_act import ConvBNReLU, ConvNormAct
from .convnext import ConvNeXtBlock, LayerNorm2d
from .csp import CrossStage, CSPBottleneck, DarkBlock
from .dense import (ConcatDenseLayer, DenseBlock, DenseLayer, Transition, dense_block_params, dense_layer_params,
                    transition_channels)
from .grouped import SplitGroupConv, group_conv, group_conv_params
from .inception import FactorizedConv, InceptionBlock, conv1x1, conv_params, inception_macs
from .inception_bn import BNInceptionModule
from .inception_resnet import InceptionResNetA, InceptionResNetB, InceptionResNetC, InceptionResNetReductionB
from .inception_v3 import InceptionV3A, InceptionV3Aux, InceptionV3B, InceptionV3C, InceptionV3D, InceptionV3E
from .inception_v4 import (InceptionV4A, InceptionV4B, InceptionV4C, InceptionV4ReductionB, ReductionA,
                           StemMixed3a, StemMixed4a, StemMixed5a)
from .mobile import DepthwiseSeparable, InvertedResidual, MBConv, conv_bn_act, make_divisible
from .repvgg import RepVGGBlock, fuse_conv_bn
from .residual import (BasicBlock, Bottleneck, PreActBlock, PreActBottleneck, ZeroPadShortcut, basic_block,
                       bottleneck_block, resnext_block, se_residual_block)
from .selective_kernel import SelectiveKernel, SelectiveKernelAttention, SelectiveKernelBottleneck
from .separable import SeparableConv2d, XceptionBlock, separable_conv_params, separable_macs
from .shuffle import ShuffleV1Unit, ShuffleV2Unit, channel_shuffle
from .split_attention import SplitAttention, SplitAttentionBottleneck
from .stochastic_depth import StochasticDepth, SurvivalGate, survival_probabilities

__all__ = [
    # Inception family
    "FactorizedConv", "InceptionBlock", "conv1x1", "conv_params", "inception_macs", "BNInceptionModule",
    "InceptionV3A", "InceptionV3B", "InceptionV3C", "InceptionV3D", "InceptionV3E", "InceptionV3Aux",
    "StemMixed3a", "StemMixed4a", "StemMixed5a", "InceptionV4A", "InceptionV4B", "InceptionV4C", "ReductionA",
    "InceptionV4ReductionB", "InceptionResNetA", "InceptionResNetB", "InceptionResNetC",
    "InceptionResNetReductionB", "ConvBNReLU", "ConvNormAct",
    # residual family
    "BasicBlock", "Bottleneck", "PreActBlock", "PreActBottleneck", "ZeroPadShortcut", "basic_block",
    "bottleneck_block", "resnext_block", "se_residual_block", "StochasticDepth", "SurvivalGate",
    "survival_probabilities", "group_conv", "group_conv_params", "SplitGroupConv",
    "DenseLayer", "DenseBlock", "Transition", "dense_layer_params", "transition_channels",
    "ConcatDenseLayer", "dense_block_params",
    "CrossStage", "CSPBottleneck", "DarkBlock",
    # channel and spatial attention
    "SEModule", "ECAModule", "eca_kernel_size", "se_hidden", "se_params", "CBAM", "ChannelAttention",
    "SpatialAttention", "cbam_params", "SelectiveKernel", "SelectiveKernelAttention", "SelectiveKernelBottleneck",
    "SplitAttention", "SplitAttentionBottleneck",
    # efficient convolutions
    "SeparableConv2d", "XceptionBlock", "separable_conv_params", "separable_macs", "DepthwiseSeparable", "InvertedResidual",
    "MBConv", "conv_bn_act", "make_divisible", "ShuffleV1Unit", "ShuffleV2Unit", "channel_shuffle",
    "RepVGGBlock", "fuse_conv_bn", "ConvNeXtBlock", "LayerNorm2d",
]
