"""My BNs keep no running statistics (track_running_stats=False), as for small-batch fine-tuning.

TASK: ResidualBlock
FAILS: same_function
SAYS: track_running_stats=False

In eval mode such a BN normalises with the batch's own statistics, another function; and its
conv's unit is two tensors short of the reference's, so the tensors cannot be matched. The message
must name the difference in the layer's companions, not only the conv that has no counterpart.
"""
from torch import nn


class ResidualBlock(ResidualBlock):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        for index, layer in enumerate(self):
            if isinstance(layer, nn.BatchNorm2d):
                self[index] = nn.BatchNorm2d(layer.num_features, track_running_stats=False)
        if self.downsample is not None:
            self.downsample[1] = nn.BatchNorm2d(out_channels, track_running_stats=False)
