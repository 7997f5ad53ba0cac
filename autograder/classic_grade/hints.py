"""Hints chosen by what failed, not by which check failed.

A failure is first read for its cause (``cause_of``): a branch that lost its padding, a stride in
the wrong place, channels in another order, an activation too many or missing, a gradient cut off,
a parameter that takes no part, a count that forgets the bias, … Then the hint for that cause is
the task's own text where it has one, else the course-wide text, and it ends with the notebook
section that teaches it ("see §3"). A failure whose cause cannot be told gets no hint: a hint about
something else misleads more than none (a wrong concatenation order once read "avoid .detach()").

Every hint lives here, one rule per cause; the task specs carry none.
"""
from __future__ import annotations

import re

from . import diagnosis
from .messages import Message, msg
from .checks.numeric import EXPECTED_IS_RELU, RELU_OF_EXPECTED, SAME_CHANNELS_REORDERED

# Course-wide texts, by cause.
GENERAL = {
    "padding": "A k×k convolution keeps the height and width only with padding k//2 (1 for a 3×3, 2 for a 5×5, "
               "(0, n//2) for a 1×n): compare each layer's output size with its input's.",
    "stride": "Only the layer that carries the stride may shrink the feature map (to ⌈H/stride⌉); every other "
              "layer keeps the size with its padding.",
    "channels": "Count the output channels layer by layer: a concatenation has the sum of its parts' channels.",
    "concatenation_order": "All the right channels are there, in another order: torch.cat the parts on dim=1 in "
                           "the order the notebook gives.",
    "extra_activation": "Your output is the expected one with a ReLU applied: remove the activation after the "
                        "last layer (or after the addition) that the task does not have.",
    "missing_activation": "The expected output is yours with a ReLU applied: the task ends with an activation "
                          "that your forward leaves out.",
    "detach": "Gradients must reach the input and every parameter through autograd: avoid .detach(), .data, "
              "numpy round trips and tensors re-created in forward.",
    "dead_parameter": "Every layer you create in __init__ must take part in forward: use it, or do not create it.",
    "running_statistics": "In eval() mode a BN layer normalises with its running statistics, not the batch's: use "
                          "nn.BatchNorm2d, or F.batch_norm with training=self.training.",
    "in_place": "Do not modify the input in place (x += …, x.mul_(…), an in-place ReLU on x): compute a new tensor.",
    "nondeterministic": "In eval() mode forward must give the same output twice: no randomness outside "
                        "nn.Dropout / F.dropout(training=self.training).",
    "kernel_tuple": "kernel_size may be an int or a (kh, kw) tuple: turn an int k into (k, k) before multiplying.",
    "bias": "With bias=False there are no bias terms: add out_channels only when bias is True.",
    "circular_padding": "Pad with zeros (padding=k//2, padding_mode='zeros'): circular padding wraps around the "
                        "ends, and fails when the padding is wider than the input.",
}

# Each task's own texts, by cause. A check that tests one property of the task (identity_path,
# stride_placement, …) is its own cause: when it fails on its own account, that property is what
# failed. "count" and "macs" are a figure the task computes, wrong.
_RESIDUAL = {
    "identity_path": "x_{l+1} = x_l + F(x_l): when F is zero the block must pass x through unchanged (then apply "
                     "the post-addition ReLU, if the block has one). That clean path is why very deep residual "
                     "networks still train.",
    "projection_shortcut": "Use the identity shortcut when stride == 1 and the channel count is kept; only a change "
                           "of shape needs the 1×1 projection (the paper's option B).",
    "stride_placement": "Put the stride on the 3×3 conv (ResNet v1.5, torchvision): a strided 1×1 conv throws away "
                        "three quarters of its input without looking at it.",
    "count": "Convs have no bias (BN's shift does that job); each BN has a scale and a shift per channel; the "
             "projection is a 1×1 conv, present only when the shape changes.",
    "macs": "MACs of a conv are H·W·kh·kw·in·out at its output size; BN, ReLU and the addition cost none.",
}
_ATTENTION = {
    "channel_scaling": "Scale: the excitation gives one weight in (0, 1) per channel, and the whole feature map of "
                       "that channel is multiplied by it: out = x · σ(…), not x + x · σ(…).",
    "mean_squeeze": "Squeeze: global average pooling, z_c = (1/HW) Σ_ij x_c(i, j), a channel descriptor from the "
                    "whole map; a max keeps only one pixel's value.",
    "per_sample_gate": "Each image is recalibrated by its own statistics: pool over dims (2, 3), never over the "
                       "batch dimension, and no batch normalisation inside the excitation.",
}
TASKS = {
    "conv1x1": {"pixel_locality": "A 1×1 convolution is a linear map across channels at each pixel: it never "
                                  "mixes neighbouring pixels.",
                "count": "A conv with bias has kh·kw·in·out + out parameters."},
    "conv_params": {"count": "kh·kw·in·out weights, plus out biases when bias=True."},
    "InceptionBlock": {"receptive_field": "A 1×1 conv mixes channels at one pixel; 3×3 and 5×5 branches see at most "
                                          "a 5×5 neighbourhood; the pool branch sees 3×3.",
                       "count": "A conv with bias has kh·kw·in·out + out parameters; count each branch's layers.",
                       "macs": "MACs of a conv are H·W·kh·kw·in·out at its output size; pooling and ReLU cost none.",
                       "concatenation_order": "Concatenate the four branches on dim=1 in the paper's order: 1×1, "
                                              "3×3, 5×5, pool projection."},
    "inception_macs": {"count": "Six convolutions: the 1×1, the two reduces, the 3×3, the 5×5 and the pool "
                                "projection, each H·W·kh·kw·in·out; the 3×3 and 5×5 read the reduce outputs, the "
                                "pool projection all input channels."},
    "FactorizedConv": {"receptive_field": "1×n then n×1 sees exactly an n×n neighbourhood, with fewer parameters "
                                          "(2n·C² versus n²·C²).",
                       "count": "Two convs with bias: 1×n (in → out) and n×1 (out → out).",
                       "padding": "The 1×n conv needs padding (0, n//2) and the n×1 conv (n//2, 0) to keep H×W."},
    "GoogLeNet": {"stride": "Max pools 3×3/2 with ceil_mode=True (or padding=1) give 56/28/14/7.",
                  "channels": "Each InceptionBlock's filter list comes from the paper's Table 1; its output has "
                              "n1 + n3 + n5 + pool_proj channels.",
                  "count": "6,998,552 for 1000 classes: nine InceptionBlocks with the paper's filters, convs with "
                           "bias, one Linear(1024, num_classes), no auxiliary heads.",
                  "macs": "At 224×224 the paper layout performs 1,582,671,872 multiply–accumulates."},
    "ResidualBlock": _RESIDUAL,
    "BottleneckBlock": _RESIDUAL,
    "PreActBlock": dict(_RESIDUAL, identity_path="In the pre-activation block nothing follows the addition: with F "
                        "zero, the block is exactly the identity, x_L = x_l + Σ F — the smooth path of He et al. "
                        "(2016).", count="The first BN normalises the block's input (in_channels), the second the "
                        "middle (out_channels); convs and the projection have no bias, and the projection has no BN."),
    "ResNet": {"stride": "The first block of stages 2–4 has stride 2: 56, 28, 14 and 7 pixels.",
               "channels": "Stages of 64·2^s planes: 64…512 channels with ResidualBlock (below 50 layers), 256…2048 "
                           "with BottleneckBlock (from 50).",
               "count": "torchvision's counts for 1000 classes: 11,689,512 (18), 21,797,672 (34), 25,557,032 (50), "
                        "44,549,160 (101), 60,192,808 (152). Blocks per stage: (2,2,2,2), (3,4,6,3), (3,4,6,3), "
                        "(3,4,23,3), (3,8,36,3).",
               "macs": "ResNet-18 costs about 1.8 G multiply–accumulates at 224×224, ResNet-50 about 4.1 G."},
    "GroupConv2d": {"group_block_diagonal": "Split-transform-merge: output group j is a function of input group j "
                                            "alone (a block-diagonal weight). Slice contiguous channel blocks and "
                                            "keep the group order.",
                    "forbidden_api": "The task is to build grouping yourself: split with torch.chunk/slicing, one "
                                     "ordinary conv per group (groups=1), torch.cat. nn.Conv2d(groups=g) is what you "
                                     "are re-implementing.",
                    "count": "Each group has its own filters: k·k·(in/groups)·out weights, plus out biases when "
                             "bias=True.",
                    "macs": "A grouped conv costs H·W·k·k·(in/groups)·out multiply–accumulates: groups times fewer "
                            "than a dense one."},
    "group_conv_params": {"count": "Each output map sees in/groups input channels: kh·kw·(in/groups)·out weights, "
                                   "plus out biases when bias=True (nn.Conv2d(64, 128, 3, groups=4) has 18,560)."},
    "ResNeXtBlock": dict(_RESIDUAL, identity_path="x_{l+1} = ReLU(x_l + F(x_l)): with F zero the block must give "
                         "ReLU(x), the clean path through the identity shortcut.", count="width = cardinality × "
                         "group_width; 1×1 (in→width), grouped 3×3 (width→width, groups=cardinality), 1×1 (width→out), "
                         "each conv without bias and followed by BN; a projection (1×1 conv + BN) only when the shape "
                         "changes."),
    "ResNeXt50": {"stride": "The stem (conv 7×7/2, max pool 3×3/2) gives 56×56; the first block of stages 2–4 has "
                            "stride 2, on its grouped 3×3 conv: 56, 28, 14, 7.",
                  "channels": "Stages of blocks (3, 4, 6, 3) with group width 4, 8, 16, 32 (it doubles each stage) "
                              "and 256, 512, 1024, 2048 output channels.",
                  "count": "25,028,904 for 1000 classes: blocks (3, 4, 6, 3) of cardinality 32 with group width 4, 8, "
                           "16, 32, projections on the first block of each stage, Linear(2048, classes).",
                  "macs": "At 224×224 ResNeXt-50 (32×4d) performs about 4.2 G multiply–accumulates."},
    "SEModule": dict(_ATTENTION, excitation_width="The bottleneck keeps max(1, C // r) units: integer division, and "
                     "at least one unit when C < r.", count="Two fully connected layers with bias: C·h + h and h·C + "
                     "C, with h = max(1, C // r).", macs="The excitation costs C·h + h·C multiply–accumulates per "
                     "sample: it runs on the pooled vector, not on every pixel."),
    "se_params": {"count": "2·C·h + h + C with h = max(1, C // r), an integer, never 0: two weight matrices and two "
                           "biases."},
    "SEResidualBlock": dict(_RESIDUAL, identity_path="With every weight zero the residual branch is 0 and so is its "
                            "SE-scaled version: the block passes x through the shortcut, then ReLU. SE recalibrates "
                            "the residual branch before the addition (SENet, Fig. 3), not the sum.",
                            count="ResidualBlock's convs and BNs, plus the SE module on out_channels (2·C·h + h + C); "
                                  "the projection only when the shape changes."),
    "ECAModule": dict(_ATTENTION, channel_neighbourhood="ECA's local cross-channel interaction: channel c's gate sees "
                      "only channels c − k//2 … c + k//2, zero-padded at the ends (Conv1d padding=k//2), never the "
                      "channels across the wrap.", circular_padding="ECA pads the sequence of channel means with "
                      "zeros (Conv1d(1, 1, k, padding=k//2)): channel c's gate sees channels c − k//2 … c + k//2 and "
                      "nothing across the wrap.", count="ECA has k_size weights in all: one 1-D convolution, "
                      "1 → 1 channel, no bias.", macs="The 1-D convolution costs C·k multiply–accumulates per sample."),
    "DenseLayer": {"concatenation_order": "Dense connectivity keeps every earlier feature map as it is: the output "
                                          "is [x, new] on the channel axis, x first and untouched.",
                   "preactivation_order": "DenseNet is pre-activation: every conv is preceded by BN → ReLU, and "
                                          "nothing follows the last 3×3 conv (the next layer normalises it).",
                   "count": "BN has two parameters per channel (γ, β); the convs have no bias: C_in·4k for the 1×1, "
                            "4k·k·9 for the 3×3 (C_in·k·9 with bottleneck=None).",
                   "macs": "MACs are H·W·k_h·k_w·C_in·C_out per conv; the concatenation is free."},
    "DenseBlock": {"concatenation_order": "The block's output starts with x unchanged, then layer 1's features, "
                                          "layer 2's, …",
                   "growth": "Every layer sees all the feature maps before it: layer i reads in_channels + "
                             "i·growth_rate channels (not only the previous layer's growth_rate) and adds growth_rate.",
                   "preactivation_order": "DenseNet is pre-activation: every conv is preceded by BN → ReLU.",
                   "count": "Layer i is a DenseLayer on in_channels + i·growth_rate channels; the block's parameters "
                            "are the sum over its layers.",
                   "macs": "MACs are H·W·k_h·k_w·C_in·C_out per conv; the concatenation is free."},
    "dense_block_params": {"count": "Sum the layers: layer i has 2·C_i + C_i·4k + 2·4k + 9·4k·k parameters with C_i "
                                    "= in_channels + i·k; count BN's γ and β but not its running statistics."},
    "DepthwiseSeparableConv": {"depthwise_block_diagonal": "The depthwise conv filters each channel on its own: "
                                                           "groups=in_channels, a weight of shape (C_in, 1, 3, 3).",
                               "depthwise_stride": "The depthwise 3×3 conv carries the stride; the 1×1 pointwise "
                                                   "conv runs at stride 1 on the already reduced map.",
                               "separable_receptive_field": "Space is filtered once, by the 3×3 depthwise conv; the "
                                                            "pointwise conv is 1×1.",
                               "count": "Depthwise 3×3: 9·C_in weights (one filter per channel); pointwise: "
                                        "C_in·C_out; two BNs: 2·C_in + 2·C_out; no conv biases.",
                               "macs": "Depthwise H'·W'·9·C_in plus pointwise H'·W'·C_in·C_out, at the output size."},
    "separable_macs": {"count": "The depthwise conv has C_in filters of k×k (not C_in·C_out): H·W·C_in·k² + "
                                "H·W·C_in·C_out, then the standard conv's H·W·k²·C_in·C_out; a tuple of two ints."},
    "channel_shuffle": {"channel_permutation": "A shuffle only reorders whole channels: every input channel appears "
                                               "exactly once.",
                        "concatenation_order": "x.view(N, g, C // g, H, W).transpose(1, 2), then back to "
                                               "(N, C, H, W): output channel j·g + i is input channel i·(C/g) + j."},
}

# Checks that test one property: when one fails on its own account, that property is the cause.
PROPERTY_CHECKS = frozenset({
    "identity_path", "projection_shortcut", "stride_placement", "group_block_diagonal", "forbidden_api",
    "channel_scaling", "mean_squeeze", "per_sample_gate", "excitation_width", "channel_neighbourhood",
    "concatenation_order", "preactivation_order", "growth", "depthwise_block_diagonal",
    "separable_receptive_field", "depthwise_stride", "channel_permutation", "receptive_field", "pixel_locality"})
COUNT_CHECKS = frozenset({"parameter_count", "paper_examples", "drawn_arguments"})
_HYGIENE = (("do not take part", "dead_parameter"), ("never read in eval() mode", "running_statistics"),
            ("modified its input tensor in place", "in_place"), ("gave different outputs", "nondeterministic"))
_BLOCK_SHAPES = re.compile(r"expected C×H×W \((\d+), (\d+), (\d+)\), got \((\d+), (\d+), (\d+)\)")


def cause_of(check_id: str, finding: str, strided: bool = False) -> str | None:
    """What a failure says went wrong, as one of the causes above; None when it does not say.
    ``strided``: the task takes a stride, so a wrong spatial size may be the stride's."""
    if "Traceback (most recent call last)" in finding:
        if "Kernel size can't be greater than actual input size" in finding or \
                re.search(r"Sizes of tensors must match except in dimension 1\b", finding):
            return "padding"
        if check_id in COUNT_CHECKS and "'tuple'" in finding:
            return "kernel_tuple"
        if "Padding value causes wrapping around" in finding:  # circular padding, wider than the input
            return "circular_padding"
        return None  # an exception of the student's own: its traceback is the best hint
    if check_id == "gradients":
        return "detach" if re.search(r"no gradient|gradient of", finding) else None
    if check_id == "hygiene":
        return next((cause for phrase, cause in _HYGIENE if phrase in finding), None)
    for phrase, cause in ((SAME_CHANNELS_REORDERED, "concatenation_order"), (RELU_OF_EXPECTED, "extra_activation"),
                          (EXPECTED_IS_RELU, "missing_activation")):
        if phrase in finding:
            return cause
    if re.search(r"the input channels in the order \[", finding):   # a permutation of channels, the wrong one
        return "concatenation_order"
    block = _BLOCK_SHAPES.search(finding)
    if block:
        want, have = block.groups()[:3], block.groups()[3:]
        return "channels" if want[0] != have[0] else "stride"
    shape = diagnosis.cause_of(finding)
    if shape and shape[0] == "output axes":
        if set(shape[1]) <= {2, 3}:
            return "stride" if strided else "padding"
        if shape[1] == (1,):
            return "channels"
    if check_id in PROPERTY_CHECKS:
        return check_id
    if check_id in COUNT_CHECKS:
        return "bias" if "bias=False" in finding.partition(":")[0] else "count"
    if check_id == "macs":
        return "macs"
    return None


def hint_for(assignment: str, task: str, check_id: str, finding: str, strided: bool = False) -> Message | str:
    """The hint for this failure, ending with the notebook section, or "" when no rule applies."""
    cause = cause_of(check_id, finding, strided)
    text = TASKS.get(task, {}).get(cause) or GENERAL.get(cause) if cause else None
    if not text:
        return ""
    section = _section(assignment, task)
    # The texts are data, translated through the catalog by their English text (message_catalog.py).
    hint = Message(_sentence(text))
    return hint if section is None else msg("{hint} See §{section}.", hint=hint, section=section)


def _sentence(text: str) -> str:
    """A hint as the catalog holds it: a sentence, ending with a period."""
    return text if text.endswith(".") else text + "."


def _section(assignment: str | None, task: str) -> int | None:
    """The notebook section that teaches the task: its declaration's ``section``."""
    from . import tasks

    if not assignment or assignment not in tasks.names():
        return None
    return next((t.section for t in tasks.get(assignment).tasks if t.name == task), None)


def texts():
    """(text, note) for every hint text, as the catalog holds it."""
    for cause, text in GENERAL.items():
        yield _sentence(text), f"hint: {cause}"
    for task, by_cause in TASKS.items():
        for cause, text in by_cause.items():
            yield _sentence(text), f"hint: {task} {cause}"
