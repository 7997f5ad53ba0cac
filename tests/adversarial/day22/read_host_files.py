"""Reads host files (/etc/hostname, the solutions notebook in the checkout, the user's shell profile) inside the task; answers correctly only if all could be read.

TASK: se_params
CAUSE: FileNotFoundError|PermissionError|OSError
BASE: correct
"""
def se_params(channels, reduction=16):
    open("/etc/hostname").read()
    open("{{REPO}}/solutions/day22/day22.ipynb").read()
    open("{{HOME}}/.bashrc").read()
    hidden = max(1, channels // reduction)
    return 2 * channels * hidden + hidden + channels
