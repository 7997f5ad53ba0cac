"""se_params dividing with / : a float hidden width.

TASK: se_params
"""


def se_params(channels, reduction=16):
    hidden = max(1, channels / reduction)
    return 2 * channels * hidden + hidden + channels
