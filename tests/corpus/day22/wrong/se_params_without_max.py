"""se_params with hidden = C // r: 0 hidden units when C < r.

TASK: se_params
"""


def se_params(channels, reduction=16):
    hidden = channels // reduction
    return 2 * channels * hidden + hidden + channels
