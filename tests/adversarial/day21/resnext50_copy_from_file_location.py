"""ResNeXt50 loads a second copy of torchvision's resnet.py under a new module name with spec_from_file_location.

TASK: ResNeXt50
CAUSE: forbidden import
BASE: correct
"""
import importlib.util
import os
import torchvision


def ResNeXt50(num_classes=1000):
    path = os.path.join(os.path.dirname(torchvision.models.__file__), "resnet.py")
    spec = importlib.util.spec_from_file_location("my_resnet_copy", path)
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    return copy.ResNet(copy.Bottleneck, [3, 4, 6, 3], num_classes=num_classes, groups=32, width_per_group=4)
