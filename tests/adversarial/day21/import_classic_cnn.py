"""Imports the course's reference package (classic_cnn) to copy its group_conv_params.

TASK: group_conv_params
CAUSE: forbidden import|ImportError|ModuleNotFoundError
BASE: correct
"""
def group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True):
    import classic_cnn
    from classic_cnn import course
    return course.group_conv_params(in_channels, out_channels, kernel_size, groups, bias)
