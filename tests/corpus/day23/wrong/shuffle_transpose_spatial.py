"""I transposed the group axis with the height axis.

TASK: channel_shuffle
"""


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    return x.reshape(n, groups, c // groups, h, w).transpose(1, 3).reshape(n, c, h, w)
