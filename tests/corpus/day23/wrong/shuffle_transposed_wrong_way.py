"""I reshaped to (N, C/g, g, H, W) before transposing.

TASK: channel_shuffle
"""


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, c // groups, groups, h, w).transpose(1, 2).reshape(n, c, h, w)
