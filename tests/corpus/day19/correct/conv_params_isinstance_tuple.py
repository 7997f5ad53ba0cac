"""conv_params that tells a (kh, kw) kernel apart with isinstance(kernel_size, tuple).

A tuple argument must reach the submission as a tuple, not as the list JSON would make of it.

TASK: conv_params

Expected: full marks.
"""


def conv_params(in_channels, out_channels, kernel_size, bias=True):
    if isinstance(kernel_size, tuple):
        kh, kw = kernel_size
    else:
        kh = kw = kernel_size
    return kh * kw * in_channels * out_channels + (out_channels if bias else 0)
