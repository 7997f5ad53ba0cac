"""day22: squeeze-and-excitation and ECA. References come from classic_cnn (the blocks the zoo's
SE-ResNets and ECA-Nets are built from)."""
from __future__ import annotations

from hypothesis import strategies as st

from classic_cnn.blocks.attention import ECAModule, SEModule, se_params
from classic_cnn.blocks.residual import se_residual_block

from ..checks.properties import always
from .declaration import Assignment, Task, hidden, public
from .spec import FunctionSpec, IdentityPath, ModuleSpec

# Library objects that would hand a task over (the sandbox makes them unusable; see the lead's wiring).
FORBIDDEN_NAMES = {
    "torchvision.ops.SqueezeExcitation": "SEModule",
    "torchvision.ops.misc.SqueezeExcitation": "SEModule",
}

spatial = st.integers(1, 7)          # includes 1×1 and odd sizes
REDUCTIONS = (1, 2, 3, 4, 8, 16)


def _passing(draw, positional: list, name: str, value, default) -> tuple[list, dict]:
    """One optional constructor argument passed positionally, by keyword, or left at its default
    (only when ``value`` is the default), so that every way a caller may write it is exercised."""
    ways = ["positional", "keyword"] + (["default"] if value == default else [])
    way = draw(st.sampled_from(ways))
    if way == "positional":
        return positional + [value], {}
    if way == "keyword":
        return positional, {name: value}
    return positional, {}


@st.composite
def reduction_and_channels(draw, most=40):
    """A reduction and a channel count, often below the reduction, where hidden = max(1, C // r) = 1."""
    reduction = draw(st.sampled_from(REDUCTIONS))
    below = st.integers(1, min(most, max(1, reduction - 1)))
    above = st.integers(reduction, min(most, 3 * reduction + 5)) if reduction <= most else below
    channels = draw(st.one_of(below, above))
    return reduction, channels


@st.composite
def se_configs(draw):
    reduction, channels = draw(reduction_and_channels())
    args, kwargs = _passing(draw, [channels], "reduction", reduction, 16)
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(1, 3)), "in_channels": channels,
            "height": draw(spatial), "width": draw(spatial)}


@st.composite
def eca_configs(draw):
    channels = draw(st.integers(1, 24))
    k_size = draw(st.sampled_from([1, 3, 5, 7]))
    args, kwargs = _passing(draw, [channels], "k_size", k_size, 3)
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(1, 3)), "in_channels": channels,
            "height": draw(spatial), "width": draw(spatial)}


# The four kinds of shortcut an SE block can need, drawn evenly (as for day20's ResidualBlock).
SHORTCUTS = ("identity", "stride", "channels", "both")


@st.composite
def se_block_configs(draw, shortcuts=SHORTCUTS):
    """``args = [in_channels, out_channels, stride]`` (+ reduction). Batches of 2–3 so that
    train-mode BN sees more than one value per channel even at 1×1."""
    kind = draw(st.sampled_from(shortcuts))
    reduction, out = draw(reduction_and_channels(most=12))
    cin = out if kind in ("identity", "stride") else draw(st.integers(1, 12).filter(lambda c: c != out))
    stride = 2 if kind in ("stride", "both") else 1
    args, kwargs = _passing(draw, [cin, out, stride], "reduction", reduction, 16)
    return {"args": args, "kwargs": kwargs, "batch": draw(st.integers(2, 3)), "in_channels": cin,
            "height": draw(spatial), "width": draw(spatial)}


def _keeps_shape(config) -> bool:
    cin, out, stride = config["args"][:3]
    return stride == 1 and cin == out


@st.composite
def se_params_arguments(draw):
    reduction = draw(st.sampled_from(REDUCTIONS + (32, 64)))
    channels = draw(st.one_of(st.integers(1, reduction), st.integers(1, 4096)))
    args, kwargs = _passing(draw, [channels], "reduction", reduction, 16)
    return {"args": args, "kwargs": kwargs}


TASKS = {
    "SEModule": ModuleSpec(
        # Smallest first (a failing case is reported as it is, unshrunk): C > r with C % r != 0,
        # where C // r and ceil(C / r) differ (6 // 4 = 1, 20 // 8 = 2), and C < r at the default
        # r = 16, where max(1, C // r) keeps one unit.
        reference=SEModule, configs=always(
            se_configs(),
            {"args": [6, 4], "kwargs": {}, "batch": 1, "in_channels": 6, "height": 1, "width": 1},
            {"args": [5], "kwargs": {}, "batch": 2, "in_channels": 5, "height": 2, "width": 3},
            {"args": [20], "kwargs": {"reduction": 8}, "batch": 2, "in_channels": 20, "height": 3, "width": 2}),
        examples={"default": 8, "output_shape": 10, "parameter_count": 15, "excitation_width": 15},
        depth=3),
    "se_params": FunctionSpec(
        reference=se_params, configs=se_params_arguments(),
        # SENet's stages at r = 16 (SE-ResNet-50: 256 … 2048 channels), below the reduction, and r = 8.
        paper_examples=(((64,), {}), ((256,), {}), ((512,), {"reduction": 16}), ((1024, 16), {}),
                        ((2048,), {}), ((3,), {}), ((15, 16), {}), ((256,), {"reduction": 8})),
        examples={"default": 40}),
    "SEResidualBlock": ModuleSpec(
        # The block's reduction reaches its SE module only where C // r >= 2 (else max(1, C // r)
        # and the default r = 16 give the same single unit at these widths).
        reference=se_residual_block, configs=always(
            se_block_configs(),
            {"args": [8, 8, 1, 4], "kwargs": {}, "batch": 2, "in_channels": 8, "height": 3, "width": 3},
            {"args": [4, 12, 2], "kwargs": {"reduction": 2}, "batch": 2, "in_channels": 4, "height": 4, "width": 3}),
        examples={"default": 8, "output_shape": 12, "parameter_count": 12},
        depth=5,
        check_configs={"identity_path": se_block_configs(("identity",)),
                       "projection_shortcut": se_block_configs()},
        identity_path=IdentityPath("relu", _keeps_shape)),
    "ECAModule": ModuleSpec(
        reference=ECAModule, configs=eca_configs(),
        examples={"default": 8, "output_shape": 10, "parameter_count": 12},
        depth=2),
}


# The assignment, declared once: the rubric, the notebooks' test-cell points and the sandbox's
# forbidden names are derived from it (tasks/declaration.py).
ASSIGNMENT = Assignment(
    name="day22", title="Squeeze-and-excitation and ECA (SENet, ECA-Net)", specs=TASKS, forbidden=FORBIDDEN_NAMES,
    tasks=(
        Task("SEModule", "SEModule(channels, reduction=16)", section=1, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("excitation_width", 1),
            public("same_function", 2), public("channel_scaling", 2), public("mean_squeeze", 1),
            hidden("per_sample_gate", 1), hidden("gradients", 1), hidden("macs", 1), hidden("hygiene", 1))),
        Task("se_params", "se_params(channels, reduction=16) -> int", section=2, checks=(
            public("paper_examples", 2), hidden("drawn_arguments", 2))),
        Task("SEResidualBlock", "SEResidualBlock(in_channels, out_channels, stride=1, reduction=16)",
             section=3, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 3),
            public("identity_path", 2), hidden("projection_shortcut", 1), hidden("gradients", 1), hidden("macs", 1),
            hidden("hygiene", 1))),
        Task("ECAModule", "ECAModule(channels, k_size=3)", section=4, checks=(
            public("output_shape", 1), public("parameter_count", 1), public("same_function", 2),
            public("channel_neighbourhood", 2), hidden("channel_scaling", 1), hidden("mean_squeeze", 1),
            hidden("per_sample_gate", 1), hidden("gradients", 1), hidden("macs", 1), hidden("hygiene", 1))),
    ))
