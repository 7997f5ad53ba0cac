"""day23: dense connections and cheap convolutions (DenseNet, MobileNet, ShuffleNet). References come
from classic_cnn (the blocks the zoo's DenseNets, MobileNets and ShuffleNets are built from)."""
from __future__ import annotations

from hypothesis import strategies as st

from classic_cnn.blocks.dense import ConcatDenseLayer, DenseBlock, dense_block_params
from classic_cnn.blocks.mobile import DepthwiseSeparable
from classic_cnn.blocks.separable import separable_macs
from classic_cnn.blocks.shuffle import channel_shuffle

from .day22 import _passing
from .declaration import Assignment, Task, hidden, public
from .spec import FunctionSpec, ModuleSpec

# Library objects that would hand a task over (each is replaced, wherever it is loaded, by a stand-in
# that raises "forbidden import"; torchvision's own aliases of it go with it).
FORBIDDEN_NAMES = {
    "torchvision.models.densenet._DenseLayer": "DenseLayer",
    "torchvision.models.densenet._DenseBlock": "DenseBlock",
    "torchvision.models.densenet.DenseNet": "DenseBlock",
    "torchvision.models.mobilenetv2.InvertedResidual": "DepthwiseSeparableConv",
    "torchvision.models.mobilenetv2.MobileNetV2": "DepthwiseSeparableConv",
    "torchvision.models.mobilenetv3.InvertedResidual": "DepthwiseSeparableConv",
    "torchvision.models.mobilenetv3.MobileNetV3": "DepthwiseSeparableConv",
    "torchvision.models.shufflenetv2.channel_shuffle": "channel_shuffle",
}

BOTTLENECKS = (None, 1, 2, 4)


def _spatial(most):
    return st.integers(1, most)      # includes 1×1 and odd sizes


@st.composite
def dense_layer_configs(draw):
    cin, growth = draw(st.integers(1, 12)), draw(st.integers(1, 6))
    args, kwargs = _passing(draw, [cin, growth], "bottleneck", draw(st.sampled_from(BOTTLENECKS)), 4)
    # Batches of 2–3 so that train-mode BN sees more than one value per channel even at 1×1.
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(2, 3)), "in_channels": cin,
            "height": draw(_spatial(6)), "width": draw(_spatial(6))}


@st.composite
def dense_block_configs(draw):
    layers, cin, growth = draw(st.integers(1, 4)), draw(st.integers(1, 8)), draw(st.integers(1, 5))
    args, kwargs = _passing(draw, [layers, cin, growth], "bottleneck", draw(st.sampled_from(BOTTLENECKS)), 4)
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(2, 3)), "in_channels": cin,
            "height": draw(_spatial(5)), "width": draw(_spatial(5))}


@st.composite
def separable_configs(draw):
    cin, cout = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    args, kwargs = _passing(draw, [cin, cout], "stride", draw(st.sampled_from([1, 2])), 1)
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(2, 3)), "in_channels": cin,
            "height": draw(_spatial(9)), "width": draw(_spatial(9))}


@st.composite
def shuffle_configs(draw):
    """``args = [groups]`` (or ``groups=`` by keyword); the tensor x comes first in the call."""
    groups, per_group = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    way = draw(st.sampled_from(["positional", "keyword"]))
    args, kwargs = ([groups], {}) if way == "positional" else ([], {"groups": groups})
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(1, 3)), "in_channels": groups * per_group,
            "height": draw(_spatial(4)), "width": draw(_spatial(4))}


@st.composite
def dense_block_params_arguments(draw):
    layers, cin, growth = draw(st.integers(1, 48)), draw(st.integers(1, 1024)), draw(st.integers(1, 64))
    args, kwargs = _passing(draw, [layers, cin, growth], "bottleneck", draw(st.sampled_from(BOTTLENECKS + (8,))), 4)
    return {"args": args, "kwargs": kwargs}


@st.composite
def separable_macs_arguments(draw):
    sizes = st.integers(1, 2048)
    positional = [draw(sizes), draw(sizes), draw(st.integers(1, 224)), draw(st.integers(1, 224))]
    args, kwargs = _passing(draw, positional, "kernel_size", draw(st.sampled_from([1, 3, 5, 7])), 3)
    return {"args": args, "kwargs": kwargs}


TASKS = {
    "DenseLayer": ModuleSpec(
        reference=ConcatDenseLayer, configs=dense_layer_configs(),
        examples={"default": 8, "output_shape": 12, "parameter_count": 15}, depth=3),
    "DenseBlock": ModuleSpec(
        reference=DenseBlock, configs=dense_block_configs(),
        examples={"default": 6, "output_shape": 10, "parameter_count": 12, "growth": 10}, depth=8),
    "dense_block_params": FunctionSpec(
        reference=dense_block_params, configs=dense_block_params_arguments(),
        # DenseNet-121/169/201's blocks at k = 32 (Huang et al. 2017, Table 1; the transitions halve the
        # channels), DenseNet-161's first block (k = 48), and the plain (non-bottleneck) layer.
        paper_examples=(((6, 64, 32), {}), ((12, 128, 32), {}), ((24, 256, 32), {}), ((16, 512, 32), {}),
                        ((6, 96, 48), {}), ((12, 24, 12), {"bottleneck": None}), ((1, 3, 1, None), {})),
        examples={"default": 40}),
    "DepthwiseSeparableConv": ModuleSpec(
        reference=DepthwiseSeparable, configs=separable_configs(),
        examples={"default": 8, "output_shape": 12, "parameter_count": 15}, depth=3),
    "separable_macs": FunctionSpec(
        reference=separable_macs, configs=separable_macs_arguments(),
        # MobileNet's Table 3 row (14×14, 512 → 512, 3×3: 52.3 M vs 462 M mult-adds) and its first
        # separable layers (Table 1: 112×112 32 → 64, 56×56 128 → 128, 7×7 1024 → 1024).
        paper_examples=(((512, 512, 14, 14), {}), ((32, 64, 112, 112), {}), ((128, 128, 56, 56), {}),
                        ((1024, 1024, 7, 7), {"kernel_size": 3}), ((64, 128, 28, 28, 5), {}),
                        ((16, 8, 3, 5), {"kernel_size": 1})),
        examples={"default": 40}),
    "channel_shuffle": ModuleSpec(
        reference=channel_shuffle, configs=shuffle_configs(), kind="tensor_function",
        examples={"default": 15}),
}


# The assignment, declared once: the rubric, the notebooks' test-cell points and the sandbox's
# forbidden names are derived from it (tasks/declaration.py).
ASSIGNMENT = Assignment(
    name="day23", title="Dense connections and cheap convolutions (DenseNet, MobileNet, ShuffleNet)",
    specs=TASKS, forbidden=FORBIDDEN_NAMES,
    tasks=(
        Task("DenseLayer", "DenseLayer(in_channels, growth_rate, bottleneck=4)", section=1, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("concatenation_order", 2),
            public("preactivation_order", 2), public("same_function", 2), hidden("gradients", 1), hidden("macs", 1),
            hidden("hygiene", 1))),
        Task("DenseBlock", "DenseBlock(num_layers, in_channels, growth_rate, bottleneck=4)", section=2, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("concatenation_order", 1),
            public("growth", 2), public("same_function", 2), hidden("preactivation_order", 1),
            hidden("gradients", 1), hidden("macs", 1), hidden("hygiene", 1))),
        Task("dense_block_params", "dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4) -> int",
             section=3, checks=(
            public("paper_examples", 2), hidden("drawn_arguments", 2))),
        Task("DepthwiseSeparableConv", "DepthwiseSeparableConv(in_channels, out_channels, stride=1)",
             section=4, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("depthwise_block_diagonal", 2),
            public("same_function", 2), public("separable_receptive_field", 1), hidden("depthwise_stride", 1),
            hidden("gradients", 1), hidden("macs", 1), hidden("hygiene", 1))),
        Task("separable_macs",
             "separable_macs(in_channels, out_channels, height, width, kernel_size=3) -> tuple[int, int]",
             section=5, checks=(
            public("paper_examples", 2), hidden("drawn_arguments", 2))),
        Task("channel_shuffle", "channel_shuffle(x, groups) -> Tensor", section=6, checks=(
            public("output_shape", 1), public("channel_permutation", 1), public("same_function", 2),
            hidden("gradients", 1), hidden("hygiene", 1))),
    ))
