"""With one group nothing moves, so I return x itself.

TASK: channel_shuffle
"""


def channel_shuffle(x, groups):
    if groups == 1:
        return x
    n, c, h, w = x.shape
    return x.view(n, groups, c // groups, h, w).transpose(1, 2).reshape(n, c, h, w)
