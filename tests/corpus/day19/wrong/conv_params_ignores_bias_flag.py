"""conv_params always adds the bias terms, even when bias=False.

TASK: conv_params

Expected to fail: paper_examples (64→128 3×3 with bias=False) and drawn_arguments.
"""


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return kh * kw * in_channels * out_channels + out_channels
