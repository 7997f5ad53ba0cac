"""Model families, one module each; importing a family registers its builders."""

from . import (alexnet, bn_inception, cspnet, densenet, googlenet_torchvision, inception_resnet,  # noqa: F401
               inception_v3, inception_v4, lenet, nin, resnet_cifar, senet, vgg, xception, zfnet)
from .convnext import ConvNeXt
from .efficientnet import EfficientNet
from .googlenet import INCEPTION_V1_TABLE, GoogLeNet, GoogLeNetOutputs, googlenet, paper_table1
from .mobilenet import MobileNetV1, MobileNetV2, MobileNetV3
from .regnet import RegNet, regnet_stages
from .repvgg import RepVGG
from .resnet import RESNET_LAYERS, ResNet, resnet, resnext50
from .shufflenet import ShuffleNetV1, ShuffleNetV2

__all__ = ["INCEPTION_V1_TABLE", "GoogLeNet", "GoogLeNetOutputs", "googlenet", "paper_table1",
           "RESNET_LAYERS", "ResNet", "resnet", "resnext50", "MobileNetV1", "MobileNetV2", "MobileNetV3",
           "ShuffleNetV1", "ShuffleNetV2", "EfficientNet", "RegNet", "regnet_stages", "ConvNeXt", "RepVGG"]
