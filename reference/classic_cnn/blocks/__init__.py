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
from .conv_bn import ConvBNReLU  # noqa: E402
from .dense import DenseBlock, DenseLayer, Transition, dense_layer_params, transition_channels  # noqa: E402
from .inception_bn import BNInceptionModule  # noqa: E402
from .inception_resnet import (InceptionResNetA, InceptionResNetB, InceptionResNetC,  # noqa: E402
                               InceptionResNetReductionB)
from .inception_v3 import (InceptionV3A, InceptionV3Aux, InceptionV3B, InceptionV3C, InceptionV3D,  # noqa: E402
                           InceptionV3E)
from .inception_v4 import (InceptionV4A, InceptionV4B, InceptionV4C, InceptionV4ReductionB, ReductionA,  # noqa: E402
                           StemMixed3a, StemMixed4a, StemMixed5a)
from .separable import SeparableConv2d, XceptionBlock, separable_conv_params  # noqa: E402

__all__ += ["ConvBNReLU", "DenseBlock", "DenseLayer", "Transition", "dense_layer_params", "transition_channels",
            "BNInceptionModule", "InceptionResNetA", "InceptionResNetB", "InceptionResNetC",
            "InceptionResNetReductionB", "InceptionV3A", "InceptionV3Aux", "InceptionV3B", "InceptionV3C",
            "InceptionV3D", "InceptionV3E", "InceptionV4A", "InceptionV4B", "InceptionV4C", "InceptionV4ReductionB",
            "ReductionA", "StemMixed3a", "StemMixed4a", "StemMixed5a", "SeparableConv2d", "XceptionBlock",
            "separable_conv_params"]
