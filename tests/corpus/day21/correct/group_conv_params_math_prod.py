"""group_conv_params with math.prod over nn.modules.utils._pair.

TASK: group_conv_params
"""


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    import math
    from torch.nn.modules.utils import _pair
    per_group = math.prod(_pair(kernel_size)) * (in_channels // groups) * (out_channels // groups)
    return groups * per_group + bias * out_channels
