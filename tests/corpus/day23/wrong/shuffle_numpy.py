"""I did the shuffle in numpy and made a new tensor from it.

TASK: channel_shuffle
"""
import torch


def channel_shuffle(x, groups):
    n, c, h, w = x.shape
    a = x.detach().numpy().reshape(n, groups, c // groups, h, w).swapaxes(1, 2).reshape(n, c, h, w)
    return torch.from_numpy(a.copy())
