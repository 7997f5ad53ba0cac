"""se_params counting only the second layer's bias.

TASK: se_params
"""


def se_params(channels, reduction=16):
    hidden = max(1, channels // reduction)
    return 2 * channels * hidden + channels
