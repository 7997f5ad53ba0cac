"""InceptionBlock that creates an extra 3×3 conv in __init__ and never uses it.

TASK: InceptionBlock

Expected to fail: parameter_count and hygiene (a parameter that receives no gradient).
"""
from torch import nn

_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def __init__(self, in_channels, filter_list):
        super().__init__(in_channels, filter_list)
        self.spare = nn.Conv2d(in_channels, self.a.out_channels, 3, padding=1)  # never used
