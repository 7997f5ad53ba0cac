"""Model families, one module each; importing a family registers its builders."""

from .googlenet import INCEPTION_V1_TABLE, GoogLeNet, GoogLeNetOutputs, googlenet, paper_table1

__all__ = ["INCEPTION_V1_TABLE", "GoogLeNet", "GoogLeNetOutputs", "googlenet", "paper_table1"]
from .resnet import RESNET_LAYERS, ResNet, resnet, resnext50  # noqa: E402

__all__ += ["RESNET_LAYERS", "ResNet", "resnet", "resnext50"]
from .mobilenet import MobileNetV1, MobileNetV2, MobileNetV3  # noqa: E402

__all__ += ["MobileNetV1", "MobileNetV2", "MobileNetV3"]
from .shufflenet import ShuffleNetV1, ShuffleNetV2  # noqa: E402
from .efficientnet import EfficientNet  # noqa: E402

__all__ += ["ShuffleNetV1", "ShuffleNetV2", "EfficientNet"]
from .regnet import RegNet, regnet_stages  # noqa: E402

__all__ += ["RegNet", "regnet_stages"]
from .convnext import ConvNeXt  # noqa: E402

__all__ += ["ConvNeXt"]
from .repvgg import RepVGG  # noqa: E402

__all__ += ["RepVGG"]
