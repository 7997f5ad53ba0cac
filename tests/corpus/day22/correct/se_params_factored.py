"""se_params factored as (C + 1)·h + (h + 1)·C with `or 1`.

TASK: se_params
"""


def se_params(channels, reduction=16):
    hidden = channels // reduction or 1
    return (channels + 1) * hidden + (hidden + 1) * channels
