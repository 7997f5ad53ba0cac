"""I index the output channels with j·(C/g) + i, the inverse order.

TASK: channel_shuffle
"""


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    per = c // groups
    order = [i * groups + j for j in range(groups) for i in range(per)]
    return x[:, order]
