"""Wraps torchvision's BasicBlock instead of writing the residual block (imported inside the task, so the other tasks still load).

TASK: ResidualBlock
CAUSE: forbidden import
BASE: correct
"""
class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        from torchvision.models.resnet import BasicBlock
        downsample = None
        if stride != 1 or in_channels != out_channels:
            downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride, bias=False),
                                       nn.BatchNorm2d(out_channels))
        self.block = BasicBlock(in_channels, out_channels, stride, downsample)

    def forward(self, x):
        return self.block(x)
