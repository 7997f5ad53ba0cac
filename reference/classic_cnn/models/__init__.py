"""Model families, one module each; importing a family registers its builders."""

from .googlenet import INCEPTION_V1_TABLE, GoogLeNet, GoogLeNetOutputs, googlenet, paper_table1

__all__ = ["INCEPTION_V1_TABLE", "GoogLeNet", "GoogLeNetOutputs", "googlenet", "paper_table1"]
from .resnet import RESNET_LAYERS, ResNet, resnet, resnext50  # noqa: E402

__all__ += ["RESNET_LAYERS", "ResNet", "resnet", "resnext50"]
from . import alexnet, googlenet_torchvision, lenet, nin, vgg, zfnet  # noqa: E402,F401  (register the classic families)
from . import bn_inception, densenet, inception_resnet, inception_v3, inception_v4, xception  # noqa: E402,F401
from . import senet  # noqa: E402,F401  (registers the attention ResNets)
from . import resnet_cifar  # noqa: E402,F401  (registers the CIFAR ResNets)
from . import cspnet  # noqa: E402,F401  (registers the CSP networks)
