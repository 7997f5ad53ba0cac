"""classic_cnn: reference implementations of the classic CNNs, with a registry and published figures.

    >>> import classic_cnn
    >>> "googlenet" in classic_cnn.list_models()
    True
    >>> net = classic_cnn.create("googlenet", num_classes=10)
"""

from . import models  # noqa: F401  (registers every family's builders)
from .blocks import FactorizedConv, InceptionBlock, conv1x1, conv_params, inception_macs
from .counting import count_macs, count_params, feature_shapes
from .models import GoogLeNet
from .registry import Figure, ModelInfo, create, list_models, model_info, published, register_model

__all__ = [
    "list_models",
    "create",
    "published",
    "model_info",
    "register_model",
    "Figure",
    "ModelInfo",
    "count_params",
    "count_macs",
    "feature_shapes",
    "conv1x1",
    "conv_params",
    "InceptionBlock",
    "inception_macs",
    "FactorizedConv",
    "GoogLeNet",
]
