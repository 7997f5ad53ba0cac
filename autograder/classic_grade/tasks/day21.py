"""day21: grouped convolution and ResNeXt. References come from classic_cnn.

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

from ..checks.properties import always
from .declaration import Assignment, Task, hidden, public
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


TASKS = {
    "GroupConv2d": ModuleSpec(
        # One input channel per group and a 1×1 kernel: each group's weight holds as many values as
        # its bias, so nothing but the convolution that reads them tells the two apart.
        reference=SplitGroupConv, configs=always(
            group_conv_configs(),
            {"args": [1, 1, 1, 1], "kwargs": {"stride": 1, "padding": 0, "bias": True}, "batch": 1,
             "in_channels": 1, "out_channels": 1, "groups": 1, "height": 2, "width": 2},
            {"args": [3, 9, 1, 3], "kwargs": {"stride": 2, "padding": 0, "bias": True}, "batch": 2,
             "in_channels": 3, "out_channels": 9, "groups": 3, "height": 3, "width": 3}),
        examples={"default": 8, "output_shape": 10, "parameter_count": 12, "forbidden_api": 4},
        depth=1),
    "group_conv_params": FunctionSpec(
        reference=group_conv_params, configs=group_conv_params_arguments(),
        paper_examples=(((64, 128, 3, 4), {}),                  # the lecture's example: 18,560
                        ((128, 128, 3, 32), {"bias": False}),   # ResNeXt-50 conv2's grouped 3×3: 4,608
                        ((96, 256, 5, 2), {}),                  # AlexNet's conv2 split over two GPUs
                        ((64, 256, 1, 1), {"bias": False}),     # groups=1 is the ordinary conv
                        ((32, 32, 3, 32), {}),                  # depthwise: one group per channel
                        ((256, 512, (3, 1), 8), {})),
        examples={"default": 40}),
    "ResNeXtBlock": ModuleSpec(
        reference=resnext_block, configs=resnext_block_configs(),
        examples={"default": 8, "output_shape": 10, "parameter_count": 15}, depth=4,
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
    compare_input_gradient=True)

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


# The assignment, declared once: the rubric, the notebooks' test-cell points and the sandbox's
# forbidden names are derived from it (tasks/declaration.py).
ASSIGNMENT = Assignment(
    name="day21", title="Grouped convolution and ResNeXt", specs=TASKS, forbidden=FORBIDDEN_NAMES,
    tasks=(
        Task("GroupConv2d",
             "GroupConv2d(in_channels, out_channels, kernel_size, groups, stride=1, padding=0, bias=True)",
             section=1, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 2),
            public("group_block_diagonal", 2), public("forbidden_api", 2), hidden("gradients", 1), hidden("macs", 1),
            hidden("hygiene", 1))),
        Task("group_conv_params", "group_conv_params(in_channels, out_channels, kernel_size, groups, bias=True) -> int",
             section=2, checks=(
            public("paper_examples", 2), hidden("drawn_arguments", 2))),
        Task("ResNeXtBlock", "ResNeXtBlock(in_channels, out_channels, cardinality, group_width, stride=1)",
             section=3, checks=(
            public("output_shape", 1), public("parameter_count", 2), public("same_function", 3),
            public("identity_path", 2), hidden("projection_shortcut", 2), hidden("gradients", 1), hidden("macs", 1),
            hidden("hygiene", 1))),
        Task("ResNeXt50", "ResNeXt50(num_classes=1000)", section=4, checks=(
            public("block_shapes", 3), public("parameter_count", 3), public("output_shape", 1), hidden("macs", 2),
            hidden("same_function", 2))),
    ))
