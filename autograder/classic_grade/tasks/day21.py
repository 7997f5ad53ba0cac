"""day21: grouped convolution and ResNeXt. References come from classic_cnn; hints name the lecture
idea each check tests.

``GroupConv2d`` is graded against grouped convolution written as one convolution per group
(``SplitGroupConv``, the same function as ``nn.Conv2d(groups=g)`` cut per group): per-group convs in
a ModuleList then meet the reference one to one, and one weight tensor sliced per group with
``F.conv2d`` holds its weights concatenated along dim 0, or stacked on a new axis (the transplant's
composite layouts). The ``ResNeXtBlock`` reference is one grouped conv, which a submission's
per-group convs meet split.
"""
from __future__ import annotations

from hypothesis import strategies as st

from classic_cnn.blocks.grouped import SplitGroupConv, group_conv_params
from classic_cnn.blocks.residual import resnext_block
from classic_cnn.models.resnet import RESNET_LAYERS, resnext50

from .spec import FunctionSpec, IdentityPath, ModuleSpec, NetworkSpec

spatial = st.integers(1, 9)          # includes 1×1 and odd sizes


@st.composite
def group_conv_configs(draw):
    groups = draw(st.integers(1, 6))
    cin, cout = groups * draw(st.integers(1, 3)), groups * draw(st.integers(1, 3))
    kernel = draw(st.sampled_from([1, 2, 3, 5]))
    padding = draw(st.integers(0, kernel // 2))
    stride = draw(st.integers(1, 2))
    bias = draw(st.booleans())
    smallest = max(1, kernel - 2 * padding)   # the output must have at least one pixel
    return {"args": [cin, cout, kernel, groups], "kwargs": {"stride": stride, "padding": padding, "bias": bias},
            "batch": draw(st.integers(1, 2)), "in_channels": cin, "out_channels": cout, "groups": groups,
            "height": draw(st.integers(smallest, 9)), "width": draw(st.integers(smallest, 9))}


@st.composite
def resnext_block_configs(draw, shortcuts=("identity", "stride", "channels", "both")):
    """``args = [in, out, cardinality, group_width, stride]``; the four kinds of shortcut are drawn
    evenly, so both sides of "projection exactly when the shape changes" show. Batches of two or
    more: BN in train() mode needs more than one value per channel, even at 1×1."""
    kind = draw(st.sampled_from(shortcuts))
    cout = draw(st.integers(1, 12))
    cin = cout if kind in ("identity", "stride") else draw(st.integers(1, 12).filter(lambda c: c != cout))
    cardinality, group_width = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    stride = 2 if kind in ("stride", "both") else 1
    return {"args": [cin, cout, cardinality, group_width, stride], "batch": draw(st.integers(2, 3)),
            "in_channels": cin, "out_channels": cout, "groups": cardinality,
            "height": draw(spatial), "width": draw(spatial)}


def _keeps_shape(config) -> bool:
    cin, cout, _, _, stride = config["args"]
    return stride == 1 and cin == cout


@st.composite
def group_conv_params_arguments(draw):
    groups = draw(st.integers(1, 64))
    cin, cout = groups * draw(st.integers(1, 32)), groups * draw(st.integers(1, 32))
    kernel = draw(st.one_of(st.integers(1, 11), st.tuples(st.integers(1, 11), st.integers(1, 11))))
    kwargs = draw(st.sampled_from([{}, {"bias": True}, {"bias": False}]))
    return {"args": [cin, cout, kernel, groups], "kwargs": kwargs}


GROUP_CONV_HINTS = {
    "output_shape": "Split the input into `groups` equal channel slices, convolve each into out/groups maps "
                    "(with the stride and padding given), and concatenate on dim=1.",
    "parameter_count": "Each group has its own filters: groups × (k·k·in/groups·out/groups) weights, which is "
                       "k·k·(in/groups)·out, plus out biases when bias=True.",
    "same_function": "Loaded with nn.Conv2d(groups=g)'s weights cut per group, your module must compute the same "
                     "output: group j's filters read input channels j·in/g … (j+1)·in/g − 1 only, and the "
                     "outputs are concatenated in group order.",
    "gradients": "Gradients flow through every group's conv back to the input; avoid .detach(), .data and "
                 "re-created tensors in forward.",
    "hygiene": "Do not modify the input in place, keep forward deterministic, and use every layer you create.",
    "macs": "A grouped conv costs H·W·k·k·(in/groups)·out multiply–accumulates: groups times fewer than a dense one.",
    "group_block_diagonal": "Split-transform-merge: output group j is a function of input group j alone (a "
                            "block-diagonal weight). Slice contiguous channel blocks and keep the group order.",
    "forbidden_api": "The task is to build grouping yourself: split with torch.chunk/slicing, one ordinary conv "
                     "per group (groups=1), torch.cat. nn.Conv2d(groups=g) is what you are re-implementing.",
}

RESNEXT_HINTS = {
    "output_shape": "The stride sits on the grouped 3×3 conv (padding 1); the output has out_channels channels.",
    "parameter_count": "width = cardinality × group_width; 1×1 (in→width), grouped 3×3 (width→width, "
                       "groups=cardinality), 1×1 (width→out), each conv without bias and followed by BN; a "
                       "projection (1×1 conv + BN) only when stride ≠ 1 or in ≠ out.",
    "same_function": "conv1×1 → BN → ReLU → grouped conv3×3 → BN → ReLU → conv1×1 → BN, plus the shortcut, then "
                     "ReLU. Compared in train() and eval() mode: BN must use batch statistics in training and "
                     "its running statistics in evaluation.",
    "gradients": "Gradients reach every parameter and the input through both the residual branch and the shortcut.",
    "hygiene": "Do not add into x in place (out += x is fine, x += out is not), and use every layer you create.",
    "macs": "The stride belongs on the 3×3 grouped conv (ResNet v1.5), so the first 1×1 runs at full resolution.",
    "identity_path": "x_{l+1} = ReLU(x_l + F(x_l)): with F zero the block must give ReLU(x), the clean path "
                     "through the identity shortcut that lets deep ResNeXts train.",
    "projection_shortcut": "Identity shortcut when stride == 1 and in_channels == out_channels; a 1×1 conv + BN "
                           "projection only when the shape changes.",
}

TASKS = {
    "GroupConv2d": ModuleSpec(
        reference=SplitGroupConv, configs=group_conv_configs(),
        examples={"default": 8, "output_shape": 10, "parameter_count": 12, "forbidden_api": 4},
        hints=GROUP_CONV_HINTS, depth=1),
    "group_conv_params": FunctionSpec(
        reference=group_conv_params, configs=group_conv_params_arguments(),
        paper_examples=(((64, 128, 3, 4), {}),                  # the lecture's example: 18,560
                        ((128, 128, 3, 32), {"bias": False}),   # ResNeXt-50 conv2's grouped 3×3: 4,608
                        ((96, 256, 5, 2), {}),                  # AlexNet's conv2 split over two GPUs
                        ((64, 256, 1, 1), {"bias": False}),     # groups=1 is the ordinary conv
                        ((32, 32, 3, 32), {}),                  # depthwise: one group per channel
                        ((256, 512, (3, 1), 8), {})),
        examples={"default": 40},
        hints={"paper_examples": "Each output map sees in/groups input channels: kh·kw·(in/groups)·out weights, "
                                 "plus out biases when bias=True (nn.Conv2d(64, 128, 3, groups=4) has 18,560).",
               "drawn_arguments": "Use integer division, handle kernel_size as an int or a (kh, kw) tuple, and "
                                  "bias=False."}),
    "ResNeXtBlock": ModuleSpec(
        reference=resnext_block, configs=resnext_block_configs(),
        examples={"default": 8, "output_shape": 10, "parameter_count": 15}, hints=RESNEXT_HINTS, depth=4,
        check_configs={"identity_path": resnext_block_configs(("identity",))},
        identity_path=IdentityPath("relu", _keeps_shape)),
}


def _resnext50_blocks():
    """(name, constructor arguments, C×H×W at 224) of the sixteen blocks, in forward order."""
    blocks, channels, size = [], 64, 56
    for stage, count in enumerate(RESNET_LAYERS[50]):
        out, width = 256 * 2 ** stage, 4 * 2 ** stage
        for index in range(count):
            stride = 2 if stage > 0 and index == 0 else 1
            size //= stride
            blocks.append((f"conv{stage + 2}_{index + 1}", (channels, out, 32, width, stride), (out, size, size)))
            channels = out
    return blocks


_blocks = _resnext50_blocks()
TASKS["ResNeXt50"] = NetworkSpec(
    reference=resnext50, input_size=(3, 224, 224), block_class="ResNeXtBlock",
    block_names=tuple(name for name, _, _ in _blocks),
    block_shapes=tuple(shape for _, _, shape in _blocks),
    class_counts=(1000, 10),
    reference_variants=(lambda m: m,),
    block_args=tuple(args for _, args, _ in _blocks),
    block_spec=TASKS["ResNeXtBlock"],
    reference_block_class="Bottleneck",
    depth=50,
    # The logits average the last feature map away; the input image's gradient does not, so a
    # missing stem ReLU shows there.
    compare_input_gradient=True,
    hints={"block_shapes": "Stem conv 7×7/2 and max pool 3×3/2 give 56×56; the first block of stages 2–4 has "
                           "stride 2 (56, 28, 14, 7) and outputs 256, 512, 1024, 2048 channels.",
           "parameter_count": "25,028,904 for 1000 classes: blocks (3, 4, 6, 3) of cardinality 32 with group width "
                              "4, 8, 16, 32, projections on the first block of each stage, Linear(2048, classes).",
           "output_shape": "Global average pool, flatten, then Linear(2048, num_classes).",
           "macs": "At 224×224 ResNeXt-50 (32×4d) performs about 4.2 G multiply–accumulates; the stride of each "
                   "stage's first block sits on its grouped 3×3 conv.",
           "same_function": "Stem: conv 7×7/2 (no bias) → BN → ReLU → max pool 3×3/2 (pad 1); then the blocks, "
                            "global average pool and the linear layer."})

# Library objects that would hand a task over: the grouped convolution is forbidden inside
# GroupConv2d by the forbidden_api check (it is a torch core op, not an object to take away);
# the ResNeXt builders and torchvision's Bottleneck would hand over the block and the network.
FORBIDDEN_NAMES = {
    "torchvision.models.resnext50_32x4d": "ResNeXt50",
    "torchvision.models.resnet.resnext50_32x4d": "ResNeXt50",
    "torchvision.models.resnext101_32x8d": "ResNeXt50",
    "torchvision.models.resnet.resnext101_32x8d": "ResNeXt50",
    "torchvision.models.resnext101_64x4d": "ResNeXt50",
    "torchvision.models.resnet.resnext101_64x4d": "ResNeXt50",
    "torchvision.models.resnet.ResNet": "ResNeXt50",
    "torchvision.models.ResNet": "ResNeXt50",
    "torchvision.models.resnet.Bottleneck": "ResNeXtBlock",
}
