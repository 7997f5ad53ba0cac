"""Imports the answer key (classic_cnn, classic_grade) to hand its result over.

TASK: inception_macs
CAUSE: forbidden import|ImportError|ModuleNotFoundError
BASE: correct
"""
def inception_macs(in_channels, filter_list, height, width):
    from classic_cnn import course
    return course.inception_macs(in_channels, filter_list, height, width)
