"""inception_macs that counts the 3×3 conv as reading the block input instead of the reduce output.

TASK: inception_macs

Expected to fail: paper_examples and drawn_arguments.
"""


def inception_macs(in_channels, filter_list, height, width):
    n1, r3, n3, r5, n5, pp = filter_list
    hw = height * width
    return hw * (in_channels * n1 + in_channels * r3 + 9 * in_channels * n3 + in_channels * r5 + 25 * r5 * n5
                 + in_channels * pp)
