"""group_conv_params counts out/groups biases, as if the bias were grouped too.

TASK: group_conv_params
"""


def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return kh * kw * (in_channels // groups) * out_channels + (out_channels // groups if bias else 0)
