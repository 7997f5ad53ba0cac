"""conv_params squares kernel_size, so an (kh, kw) tuple kernel raises TypeError.

TASK: conv_params

Expected to fail: paper_examples ((1, 1) and (1, 7) kernels) and drawn_arguments.
"""


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    return kernel_size * kernel_size * in_channels * out_channels + (out_channels if bias else 0)
