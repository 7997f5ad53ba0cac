"""group_conv_params with numpy integers, converted to int.

TASK: group_conv_params
"""


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    import numpy as np
    kernel = np.broadcast_to(np.asarray(kernel_size, dtype=np.int64), (2,))
    return int(np.prod(kernel) * (in_channels // groups) * out_channels + (out_channels if bias else 0))
