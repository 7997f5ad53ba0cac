"""inception_macs that adds one operation per output value for every conv's bias.

TASK: inception_macs

Bias adds count zero by the task's definition. Expected to fail: paper_examples and drawn_arguments.
"""


def inception_macs(in_channels, filter_list, height, width):
    n1, r3, n3, r5, n5, pp = filter_list
    hw = height * width
    weights = (in_channels * n1 + in_channels * r3 + 9 * r3 * n3 + in_channels * r5 + 25 * r5 * n5
               + in_channels * pp)
    biases = n1 + r3 + n3 + r5 + n5 + pp
    return hw * (weights + biases)
