# An empty submission: nothing but this comment (a student who handed in before starting).
#
# TASK: conv1x1, conv_params, inception_macs
# CAUSE: NameError|AttributeError|not defined|does not define|missing
# BASE: none
