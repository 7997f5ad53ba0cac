"""InceptionBlock whose 5×5 conv has padding 1 instead of 2: the 5×5 branch shrinks by 2 pixels.

TASK: InceptionBlock

Expected to fail: output_shape (torch.cat cannot join the branches), and every check that runs forward.
"""
from torch import nn

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def __init__(self, in_channels, filter_list):
        super().__init__(in_channels, filter_list)
        self.c = nn.Conv2d(self.c.in_channels, self.c.out_channels, 5, padding=1)
