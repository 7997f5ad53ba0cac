"""ResNet reads torchvision's resnet.py and executes its source in a namespace of its own, so the stand-ins are never touched.

TASK: ResNet
CAUSE: forbidden import
BASE: correct
"""
import pathlib
import torchvision


def ResNet(depth, num_classes=1000):
    source = pathlib.Path(torchvision.__file__).with_name("models").joinpath("resnet.py").read_text()
    namespace = {"__name__": "student_resnet"}
    exec(compile(source, "student_resnet.py", "exec"), namespace)
    layers = {18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 8, 36, 3]}[depth]
    block = namespace["BasicBlock"] if depth < 50 else namespace["Bottleneck"]
    return namespace["ResNet"](block, layers, num_classes=num_classes)
