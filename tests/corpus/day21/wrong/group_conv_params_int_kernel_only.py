"""group_conv_params squares kernel_size, so a (kh, kw) tuple breaks it.

TASK: group_conv_params
"""


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    return kernel_size * kernel_size * (in_channels // groups) * out_channels + (out_channels if bias else 0)
