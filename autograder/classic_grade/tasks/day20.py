"""day20: ResNet residual blocks. References come from classic_cnn (the blocks the zoo's ResNets are
built from)."""
from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from classic_cnn.blocks.residual import PreActBlock, basic_block, bottleneck_block
from classic_cnn.models.resnet import RESNET_LAYERS, resnet

from .declaration import Assignment, Task, hidden, public
from .spec import IdentityPath, ModuleSpec, NetworkFamilySpec, NetworkSpec

# The four kinds of shortcut a block can need: the identity, or a projection because the stride,
# the channel count or both change. Drawn evenly, so both sides of "projection exactly when" show.
SHORTCUTS = ("identity", "stride", "channels", "both")
spatial = st.integers(1, 9)          # includes 1×1 and odd sizes


@st.composite
def block_configs(draw, expansion=1, shortcuts=SHORTCUTS, min_size=1):
    """``args = [in_channels, second, stride]`` where the block's output has ``expansion * second``
    channels (``out_channels`` for basic and pre-activation blocks, ``4 * width`` for bottlenecks).
    Batches of 2–3 so that train-mode BN sees more than one value per channel even at 1×1."""
    kind = draw(st.sampled_from(shortcuts))
    second = draw(st.integers(1, 8 if expansion == 1 else 3))
    out = expansion * second
    if kind in ("identity", "stride"):
        cin = out
    else:
        cin = draw(st.integers(1, 12).filter(lambda c: c != out))
    stride = 2 if kind in ("stride", "both") else 1
    size = st.integers(min_size, 9)
    return {"args": [cin, second, stride], "batch": draw(st.integers(2, 3)), "in_channels": cin,
            "height": draw(size), "width": draw(size)}


def _keeps_shape(expansion):
    def keeps(config):
        cin, second, stride = config["args"]
        return stride == 1 and cin == expansion * second
    return keeps


def residual_check_configs(expansion):
    return {"identity_path": block_configs(expansion, ("identity",)),
            "projection_shortcut": block_configs(expansion),
            "stride_placement": block_configs(expansion, ("stride", "both"), min_size=3)}


TASKS = {
    "ResidualBlock": ModuleSpec(
        reference=basic_block, configs=block_configs(), examples={"default": 8, "output_shape": 12},
        depth=3, check_configs=residual_check_configs(1),
        identity_path=IdentityPath("relu", _keeps_shape(1))),
    "BottleneckBlock": ModuleSpec(
        reference=bottleneck_block, configs=block_configs(4), examples={"default": 8, "output_shape": 12},
        depth=4, check_configs=residual_check_configs(4),
        identity_path=IdentityPath("relu", _keeps_shape(4))),
    "PreActBlock": ModuleSpec(
        reference=PreActBlock, configs=block_configs(), examples={"default": 8, "output_shape": 12},
        depth=3, check_configs=residual_check_configs(1),
        identity_path=IdentityPath("none", _keeps_shape(1))),
}

# torchvision's parameter counts for 1000 classes (the course's table): the reference must equal them.
TORCHVISION_PARAMETERS = {18: 11_689_512, 34: 21_797_672, 50: 25_557_032, 101: 44_549_160, 152: 60_192_808}
FUNCTION_INPUT = (3, 32, 32)  # small enough for a whole-network comparison on one CPU thread; layer4 at 1×1


def _blocks(depth):
    """Each block's constructor arguments, name and output C×H×W at 224×224, in forward order."""
    bottleneck = depth >= 50
    channels, size, blocks = 64, 56, []
    for stage, count in enumerate(RESNET_LAYERS[depth]):
        planes = 64 * 2 ** stage
        for index in range(count):
            stride = 2 if stage > 0 and index == 0 else 1
            size = size // stride
            out = 4 * planes if bottleneck else planes
            blocks.append(((channels, planes, stride), f"layer{stage + 1}.{index}", (out, size, size)))
            channels = out
    return blocks


def _member(depth, input_size=(3, 224, 224), class_counts=(1000, 10)):
    blocks = _blocks(depth)
    bottleneck = depth >= 50
    return NetworkSpec(
        reference=resnet, input_size=input_size, args=(depth,),
        block_class="BottleneckBlock" if bottleneck else "ResidualBlock",
        reference_block_class="Bottleneck" if bottleneck else "BasicBlock",
        block_names=tuple(name for _, name, _ in blocks), block_shapes=tuple(shape for _, _, shape in blocks),
        block_args=tuple(args for args, _, _ in blocks),
        block_spec=TASKS["BottleneckBlock" if bottleneck else "ResidualBlock"],
        class_counts=class_counts, reference_variants=(lambda m: m,), depth=2 * len(blocks) + 2,
        compare_input_gradient=True)


# Every depth is counted for 1000 classes (torchvision's figures); a second class count, on one
# depth per block kind, shows that num_classes reaches the head without rebuilding the big ones.
_members = {str(depth): _member(depth, class_counts=(1000, 10) if depth in (18, 50) else (1000,))
            for depth in RESNET_LAYERS}
_members.update({f"{depth}@32": dataclasses.replace(_member(depth, FUNCTION_INPUT), papers_input_size=(3, 224, 224))
                 for depth in (18, 50)})
_every_depth = tuple(str(depth) for depth in RESNET_LAYERS)

TASKS["ResNet"] = NetworkFamilySpec(
    members=_members,
    runs={"parameter_count": _every_depth, "block_shapes": _every_depth, "output_shape": ("18", "50"),
          "macs": _every_depth, "same_function": ("18@32", "50@32")})

# Library objects that would hand a task over; the sandbox makes them unusable for this assignment.
FORBIDDEN_NAMES = {
    "torchvision.models.resnet.BasicBlock": "ResidualBlock",
    "torchvision.models.resnet.Bottleneck": "BottleneckBlock",
    "torchvision.models.resnet.ResNet": "ResNet",
    "torchvision.models.resnet._resnet": "ResNet",
    **{f"torchvision.models.resnet.resnet{depth}": "ResNet" for depth in RESNET_LAYERS},
    **{f"torchvision.models.resnet{depth}": "ResNet" for depth in RESNET_LAYERS},
    "torchvision.models.ResNet": "ResNet",
}


# The assignment, declared once: the rubric, the notebooks' test-cell points and the sandbox's
# forbidden names are derived from it (tasks/declaration.py).
ASSIGNMENT = Assignment(
    name="day20", title="ResNet residual blocks", specs=TASKS, forbidden=FORBIDDEN_NAMES,
    tasks=(
        Task("ResidualBlock", "ResidualBlock(in_channels, out_channels, stride=1)", section=1, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 3),
            public("identity_path", 2), public("projection_shortcut", 2), hidden("gradients", 2), hidden("macs", 1),
            hidden("hygiene", 1))),
        Task("BottleneckBlock", "BottleneckBlock(in_channels, width, stride=1)", section=2, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 3),
            public("identity_path", 2), public("stride_placement", 2), hidden("projection_shortcut", 2),
            hidden("gradients", 2), hidden("macs", 1), hidden("hygiene", 1))),
        Task("PreActBlock", "PreActBlock(in_channels, out_channels, stride=1)", section=3, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 3),
            public("identity_path", 2), hidden("projection_shortcut", 2), hidden("gradients", 2), hidden("macs", 1),
            hidden("hygiene", 1))),
        Task("ResNet", "ResNet(depth, num_classes=1000)", section=4, checks=(
            public("parameter_count", 3), public("block_shapes", 3), public("output_shape", 1), hidden("macs", 2),
            hidden("same_function", 2))),
    ))
