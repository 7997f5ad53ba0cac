"""day19: Inception and 1×1 convolution. References come from classic_cnn."""
from __future__ import annotations

from hypothesis import strategies as st
from torch import nn

import classic_cnn
from classic_cnn.models.googlenet import paper_table1

from .declaration import Assignment, Task, hidden, public
from .spec import FunctionSpec, ModuleSpec, NetworkSpec

channels = st.integers(1, 12)
spatial = st.integers(1, 9)          # includes 1×1 and odd sizes


@st.composite
def conv1x1_configs(draw):
    cin, cout = draw(channels), draw(channels)
    return {"args": [cin, cout], "batch": draw(st.integers(1, 3)), "in_channels": cin,
            "height": draw(spatial), "width": draw(spatial)}


@st.composite
def inception_configs(draw):
    cin = draw(channels)
    filters = [draw(st.integers(1, 8)) for _ in range(6)]
    return {"args": [cin, filters], "batch": draw(st.integers(1, 2)), "in_channels": cin,
            "height": draw(spatial), "width": draw(spatial)}


@st.composite
def factorized_configs(draw):
    cin, cout = draw(channels), draw(channels)
    n = draw(st.sampled_from([1, 3, 5, 7]))
    return {"args": [cin, cout, n], "batch": draw(st.integers(1, 2)), "in_channels": cin,
            "height": draw(spatial), "width": draw(spatial)}


@st.composite
def conv_params_arguments(draw):
    kernel = draw(st.one_of(st.integers(1, 11), st.tuples(st.integers(1, 11), st.integers(1, 11))))
    kwargs = draw(st.sampled_from([{}, {"bias": True}, {"bias": False}]))
    return {"args": [draw(st.integers(1, 1024)), draw(st.integers(1, 1024)), kernel], "kwargs": kwargs}


@st.composite
def inception_macs_arguments(draw):
    filters = [draw(st.integers(1, 512)) for _ in range(6)]
    return {"args": [draw(st.integers(1, 1024)), filters, draw(st.integers(1, 56)), draw(st.integers(1, 56))]}


# torchvision's GoogLeNet and its Inception block are the day's InceptionBlock and GoogLeNet tasks
# (each name -> the task it would hand over).
FORBIDDEN_NAMES = {
    "torchvision.models.googlenet.Inception": "InceptionBlock",
    "torchvision.models.googlenet.GoogLeNet": "GoogLeNet",
    "torchvision.models.googlenet.googlenet": "GoogLeNet",
}

TASKS = {
    "conv1x1": ModuleSpec(
        reference=classic_cnn.conv1x1, configs=conv1x1_configs(),
        examples={"default": 8, "output_shape": 10}, receptive_radius=lambda config: (0, 0), depth=1),
    "conv_params": FunctionSpec(
        reference=classic_cnn.conv_params, configs=conv_params_arguments(),
        paper_examples=(((192, 64, 1), {}), ((192, 128, 3), {}), ((192, 32, 5), {}), ((192, 16, (1, 1)), {}),
                        ((64, 128, 3), {"bias": False}), ((256, 64, (1, 7)), {})),
        examples={"default": 40}),
    "InceptionBlock": ModuleSpec(
        reference=classic_cnn.InceptionBlock, configs=inception_configs(),
        examples={"default": 8, "output_shape": 12, "parameter_count": 15}, receptive_radius=lambda config: (2, 2), depth=3),
    "inception_macs": FunctionSpec(
        reference=classic_cnn.inception_macs, configs=inception_macs_arguments(),
        paper_examples=(((192, [64, 96, 128, 16, 32, 32], 28, 28), {}),
                        ((256, [128, 64, 192, 64, 96, 64], 28, 28), {}),  # the lecture example: 271,351,808
                        ((256, [128, 128, 192, 32, 96, 64], 28, 28), {})),
        examples={"default": 40}),
    "FactorizedConv": ModuleSpec(
        reference=classic_cnn.FactorizedConv, configs=factorized_configs(),
        examples={"default": 8}, receptive_radius=lambda config: (config["args"][2] // 2, config["args"][2] // 2), depth=2),
}


def _padded_pools(module):
    """The 'padding=1' convention for GoogLeNet's 3×3/2 max pools: same shapes as ceil_mode at 224."""
    for name, child in module.named_children():
        if isinstance(child, nn.MaxPool2d) and child.stride == 2 and child.ceil_mode:
            setattr(module, name, nn.MaxPool2d(3, 2, padding=1))
        else:
            _padded_pools(child)
    return module


def _googlenet(num_classes=1000):
    return classic_cnn.GoogLeNet(num_classes=num_classes)


_rows = paper_table1()
TASKS["GoogLeNet"] = NetworkSpec(
    reference=_googlenet, input_size=(3, 224, 224), block_class="InceptionBlock",
    block_names=tuple(row.name for row in _rows),
    block_shapes=((256, 28, 28), (480, 28, 28), (512, 14, 14), (512, 14, 14), (512, 14, 14),
                  (528, 14, 14), (832, 14, 14), (832, 7, 7), (1024, 7, 7)),
    class_counts=(1000, 10),
    reference_variants=(lambda m: m, _padded_pools),
    block_args=tuple((row.in_channels, list(row.filters)) for row in _rows),
    block_spec=TASKS["InceptionBlock"])


# The assignment, declared once: the rubric, the notebooks' test-cell points and the sandbox's
# forbidden names are derived from it (tasks/declaration.py).
ASSIGNMENT = Assignment(
    name="day19", title="Inception and 1×1 convolution (GoogLeNet, Inception v3)",
    specs=TASKS, forbidden=FORBIDDEN_NAMES,
    tasks=(
        Task("conv1x1", "conv1x1(in_channels, out_channels) -> nn.Module", section=1, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 2),
            public("pixel_locality", 1), hidden("gradients", 1), hidden("hygiene", 1))),
        Task("conv_params", "conv_params(in_channels, out_channels, kernel_size, bias=True) -> int",
             section=2, checks=(
            public("paper_examples", 2), hidden("drawn_arguments", 2))),
        Task("InceptionBlock", "InceptionBlock(in_channels, filter_list)", section=3, checks=(
            public("output_shape", 2), public("parameter_count", 2), public("same_function", 3),
            public("gradients", 2), hidden("receptive_field", 2), hidden("macs", 1), hidden("hygiene", 2))),
        Task("inception_macs", "inception_macs(in_channels, filter_list, height, width) -> int", section=4, checks=(
            public("paper_examples", 2), hidden("drawn_arguments", 2))),
        Task("FactorizedConv", "FactorizedConv(in_channels, out_channels, n)", section=5, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 2),
            hidden("gradients", 1), hidden("receptive_field", 1), hidden("hygiene", 1))),
        Task("GoogLeNet", "GoogLeNet(num_classes=1000)", section=6, checks=(
            public("block_shapes", 3), public("parameter_count", 3), public("output_shape", 1), hidden("macs", 2),
            hidden("same_function", 2))),
    ))
