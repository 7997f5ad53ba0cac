"""Returns NaN from the module's forward (an honest numerical bug).

TASK: conv1x1
CAUSE: NaN|nan|differ|output
BASE: correct
BOUND: below-full
"""
class _NaNConv(nn.Conv2d):
    def forward(self, x):
        return super().forward(x) * float("nan")
def conv1x1(in_channels, out_channels):
    return _NaNConv(in_channels, out_channels, kernel_size=1)
