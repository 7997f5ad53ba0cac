"""Returns torchvision's resnext50_32x4d instead of building the network (imported inside the task, so the other tasks still load).

TASK: ResNeXt50
CAUSE: forbidden import
BASE: correct
"""
def ResNeXt50(num_classes=1000):
    import torchvision
    return torchvision.models.resnext50_32x4d(num_classes=num_classes)
