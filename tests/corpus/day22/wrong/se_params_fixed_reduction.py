"""se_params ignoring its reduction argument (always 16).

TASK: se_params
"""


def se_params(channels, reduction=16):
    hidden = max(1, channels // 16)
    return 2 * channels * hidden + hidden + channels
