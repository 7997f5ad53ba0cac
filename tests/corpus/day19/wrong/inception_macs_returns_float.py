"""inception_macs that computes in millions and scales back, returning a float.

TASK: inception_macs

A count is an int. Expected to fail: paper_examples and drawn_arguments.
"""


def inception_macs(in_channels, filter_list, height, width):
    n1, r3, n3, r5, n5, pp = filter_list
    hw = height * width
    per_pixel_m = (in_channels * n1 + in_channels * r3 + 9 * r3 * n3 + in_channels * r5 + 25 * r5 * n5
                   + in_channels * pp) / 1e6
    return hw * per_pixel_m * 1e6
