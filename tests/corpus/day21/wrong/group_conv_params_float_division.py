"""group_conv_params divides with /, so it returns a float.

TASK: group_conv_params
"""


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return kh * kw * (in_channels / groups) * out_channels + (out_channels if bias else 0)
