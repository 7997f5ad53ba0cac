"""Reads the project checkout (the rubric and the reference) from the worker; answers correctly only if it could.

TASK: inception_macs
CAUSE: FileNotFoundError|PermissionError|OSError
BASE: correct
"""
def inception_macs(in_channels, filter_list, height, width):
    open("{{REPO}}/autograder/classic_grade/rubrics/day19.json").read()
    open("{{REPO}}/reference/classic_cnn/__init__.py").read()
    f1, f3r, f3, f5r, f5, fp = filter_list
    hw = height * width
    return hw * (in_channels * (f1 + f3r + f5r + fp) + 9 * f3r * f3 + 25 * f5r * f5)
