"""se_params returning a numpy integer.

TASK: se_params
"""


def se_params(channels, reduction=16):
    import numpy as np
    hidden = np.maximum(1, np.int64(channels) // reduction)
    return 2 * channels * hidden + hidden + channels
