"""Returns the parameter count as a float (and as a numpy int where it is whole).

TASK: conv_params
CAUSE: answer|int|float
BASE: correct
BOUND: below-full
"""
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return float(kh * kw * in_channels * out_channels + (out_channels if bias else 0))
