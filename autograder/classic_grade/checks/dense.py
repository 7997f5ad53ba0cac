"""Checks for day23: dense connections (DenseNet), the depthwise-separable unit (MobileNet) and the
channel shuffle (ShuffleNet). Every check here is mapping-free: it sets the submission's own tensors
by its own names (or by the role a trace shows), so it grades any layout.

- ``concatenation_order``: a dense layer's (and block's) output starts with x itself, bit for bit,
  and has ``in_channels + layers·growth_rate`` channels (Huang et al. 2017, eq. 2: [x0, x1, …]).
- ``preactivation_order``: BN → ReLU → conv. The first operation with parameters is a BN, the last
  a conv; with every BN pushed far below zero the ReLUs after them silence every new feature (a
  ReLU before the BN, or none, does not); and the new features take both signs (no ReLU after
  the last conv).
- ``growth``: the convolutions, in call order, read and write the channels the reference's do:
  layer i reads ``in_channels + i·k`` channels (everything before it) and adds k.
- ``depthwise_block_diagonal``: with the pointwise conv set to pass channel c to output c, changing
  input channel j changes no other output channel: the depthwise stage filters each channel alone.
- ``separable_receptive_field``: one input pixel reaches only the output pixels whose 3×3 window (at
  the unit's stride) covers it: the pointwise stage is 1×1 and mixes channels within a pixel.
- ``depthwise_stride``: the stride sits on the depthwise 3×3 conv (the convolutions' map sizes).
- channel_shuffle, a function on tensors: ``output_shape``, ``same_function`` (exactly the
  reference's permutation), ``channel_permutation`` (every output channel is one input channel, each
  used once), ``gradients`` and ``hygiene`` (the input unchanged, a new tensor, deterministic).
"""
from __future__ import annotations

import numpy as np
import torch

from ..messages import Message, Text, msg
from ..sandbox import wire
from . import registry
from .modules import _reported_as, build_reference, describe_submission, run_submission
from .numeric import compare, draw_buffer, draw_input, draw_parameter, seed_for
from .outcome import CheckFailed, NoMapping
from .properties import for_all
from .registry import PREMISED
from .residual import _maps_text, reference_convolutions
from .transplant import shape_key


def _input_shape(config) -> tuple:
    return (config["batch"], config["in_channels"], config["height"], config["width"])


def _call_text(ctx, config, first=None) -> str:
    parts = ([first] if first else []) + [repr(a) for a in config["args"]]
    parts += [f"{k}={v!r}" for k, v in config.get("kwargs", {}).items()]
    return f"{ctx.task}({', '.join(parts)})"


def _enlarged(drawn, batch=2, pixels=1) -> dict:
    return dict(drawn, batch=max(drawn["batch"], batch), height=max(drawn["height"], pixels),
                width=max(drawn["width"], pixels))


def _own_values(description, rng) -> dict:
    """Drawn values for the submission's tensors by its own names; buffers positive (running
    statistics whose role the name may not tell)."""
    values = {name: draw_parameter(rng, shape, name) for name, shape, dtype in description["parameters"]
              if dtype.startswith("float")}
    values.update({name: draw_buffer(rng, shape) for name, shape, dtype in description["buffers"]
                   if dtype.startswith("float")})
    return values


def _expected_channels(spec, config) -> int:
    with torch.no_grad():
        return int(build_reference(spec, config)(torch.zeros(1, config["in_channels"], 1, 1)).shape[1])


# -- dense connections ---------------------------------------------------------------------------

@registry.check("concatenation_order", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="output is x, then the new features (concatenation order)")
def check_concatenation_order(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn)
        with _reported_as(config):
            order_of(config)

    def order_of(config):
        rng = np.random.default_rng(seed_for(ctx.task, "concatenation_order", config))
        values = _own_values(describe_submission(ctx, config), rng)
        x = draw_input(rng, _input_shape(config))
        channels, want = config["in_channels"], _expected_channels(spec, config)
        for mode in ("eval", "train"):
            _, result = run_submission(ctx, values, x, mode)
            out = result["output"]
            if out.ndim != 4 or out.shape[1] != want or out.shape[2:] != x.shape[2:]:
                raise CheckFailed(msg("{call} on an input of shape {shape} returned shape {got}; a dense connection "
                                      "keeps the spatial size and concatenates: {channels} input channels plus the "
                                      "new ones make {want}", call=_call_text(ctx, config), shape=x.shape,
                                      got=out.shape, channels=channels, want=want))
            if not np.array_equal(out[:, :channels], x):
                where = [c for c in range(channels) if not np.array_equal(out[:, c], x[:, c])]
                raise CheckFailed(msg(
                    "{call} in {mode}() mode: output channel {channel} is not input channel {channel}; the first "
                    "{channels} output channels must be x itself, unchanged (concatenate x first, then the new "
                    "features: torch.cat([x, new], dim=1))", call=_call_text(ctx, config), mode=mode,
                    channel=where[0], channels=channels))
    return for_all(spec.configs, examples, body)


def _traced(ctx, values, x):
    reply, result = run_submission(ctx, values, x, "eval", trace=True)
    return reply.get("trace", []), result["output"]


@registry.check("preactivation_order", kind="module", evidence=PREMISED,
                title="pre-activation order: BN → ReLU → conv")
def check_preactivation_order(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn, pixels=4)
        with _reported_as(config):
            order_of(config)

    def order_of(config):
        rng = np.random.default_rng(seed_for(ctx.task, "preactivation_order", config))
        description = describe_submission(ctx, config)
        values = _own_values(description, rng)
        x = draw_input(rng, _input_shape(config))
        channels, call = config["in_channels"], _call_text(ctx, config)
        trace, _ = _traced(ctx, values, x)
        ops = [str(op) for op, *_ in trace]
        if not ops or "batch_norm" not in ops[0]:
            raise CheckFailed(msg("{call}: the first operation with parameters is {op}, not a batch norm. A "
                                  "DenseNet layer is pre-activation: BN → ReLU → conv, so the layer starts by "
                                  "normalising its input", call=call, op=ops[0] if ops else "none"))
        if "conv" not in ops[-1]:
            raise CheckFailed(msg("{call}: the last operation with parameters is {op}, not a convolution. In the "
                                  "pre-activation order the new features come straight out of the 3×3 conv; a BN "
                                  "after it is the post-activation (conv → BN → ReLU) order",
                                  call=call, op=ops[-1]))
        norm_tensors = {name for op, names, *_ in trace if "batch_norm" in str(op) for name in names}
        params = {name for name, _, _ in description["parameters"]}
        if not _takes_both_signs(ctx, description, norm_tensors, config, rng):
            raise CheckFailed(msg("{call}: the new features are never negative, whatever the input: a ReLU follows "
                                  "the last convolution. Pre-activation puts BN → ReLU before each conv and nothing "
                                  "after the 3×3 conv", call=call))
        # Every BN pushed far below zero (γ = β = 1, mean = var = 100: (x − 100)/10 + 1 ≈ −9): the
        # ReLU after each BN gives 0, each conv (no bias) gives 0, and only x is left.
        silenced = dict(values)
        for name in norm_tensors & set(values):
            silenced[name] = np.full_like(values[name], 1.0 if name in params else 100.0)
        _, result = run_submission(ctx, silenced, x, "eval")
        new = result["output"][:, channels:]
        if np.any(new != 0):
            raise CheckFailed(msg("{call}: with every batch norm's output made negative (γ = β = 1, running mean and "
                                  "variance 100), {nonzero} of the {size} new feature values are not zero. Each BN "
                                  "must be followed by a ReLU before its conv (BN → ReLU → conv), the convs "
                                  "have no bias, and in eval() mode each BN normalises with its running mean and "
                                  "variance (a BN called with training=True ignores them)", call=call,
                                  nonzero=int(np.count_nonzero(new)), size=new.size))
    return for_all(spec.configs, examples, body)


def _takes_both_signs(ctx, description, norm_tensors, config, rng, tries=3) -> bool:
    """Whether the new features take a negative value for some drawn weights. Every BN is made the
    identity (all its tensors 1: (x − 1)/1 + 1, whatever their roles), so each ReLU passes about
    half its inputs and a last conv with weights of both signs gives both signs; a few draws, so
    that a small layer whose few weights happen to be positive is not mistaken for a ReLU."""
    for _ in range(tries):
        values = _own_values(description, rng)
        values.update({name: np.ones_like(values[name]) for name in norm_tensors & set(values)})
        _, result = run_submission(ctx, values, draw_input(rng, _input_shape(config)), "eval")
        if np.any(result["output"][:, config["in_channels"]:] < 0):
            return True
    return False


def _conv_sequence(calls) -> list[tuple]:
    """(input channels, output channels, kernel) of each convolution, in call order."""
    return [(c["input"][1], c["output"][1], tuple(c["weight"][-2:])) for c in calls]


def _sequence_text(sequence) -> str:
    return ", ".join(f"{k[0]}×{k[1]} {i}→{o}" for i, o, k in sequence) or "none"


def _convolutions(ctx, spec, config, summary) -> tuple:
    """The reference's and the submission's convolutions on the configuration's input, each summarised."""
    shape = _input_shape(config)
    expected = summary(reference_convolutions(build_reference(spec, config), shape))
    describe_submission(ctx, config)
    reply, _ = ctx.request({"op": "convolutions", "input_shape": list(shape)})
    return expected, summary(reply["convolutions"])


@registry.check("growth", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="layer i reads in_channels + i·growth_rate channels and adds growth_rate")
def check_growth(ctx, spec, examples):
    def body(config):
        expected, got = _convolutions(ctx, spec, config, _conv_sequence)
        if got != expected:
            raise CheckFailed(msg("{call}: the convolutions, in the order they run, should read and write {expected} "
                                  "channels; yours: {got}. Layer i sees every feature map before it in the block, "
                                  "in_channels + i·growth_rate channels, and adds growth_rate",
                                  call=_call_text(ctx, config), expected=_sequence_text(expected),
                                  got=_sequence_text(got)))
    return for_all(spec.configs, examples, body)


# -- depthwise-separable convolution ---------------------------------------------------------------

def _with_channels(drawn, in_channels, out_channels) -> dict:
    return dict(drawn, in_channels=in_channels, args=[in_channels, out_channels, *drawn["args"][2:]])


def _stride(config) -> int:
    return config["args"][2] if len(config["args"]) > 2 else config.get("kwargs", {}).get("stride", 1)


@registry.check("depthwise_block_diagonal", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="depthwise stage: output channel c depends only on input channel c")
def check_depthwise_block_diagonal(ctx, spec, examples):
    def body(drawn):
        cin = max(drawn["in_channels"], 2)
        config = _enlarged(_with_channels(drawn, cin, max(drawn["args"][1], cin)), pixels=3)
        with _reported_as(config):
            diagonal_of(config)

    def diagonal_of(config):
        cin, cout = config["args"][:2]
        call = _call_text(ctx, config)
        rng = np.random.default_rng(seed_for(ctx.task, "depthwise_block_diagonal", config))
        description = describe_submission(ctx, config)
        # The pointwise weight by its shape: (out, in, 1, 1) as a conv, (out, in) or (in, out) as a
        # matrix. An identity of that shape passes depthwise channel c to output c either way round.
        pointwise = [(name, tuple(shape)) for name, shape, _ in description["parameters"]
                     if shape_key(shape) in ((cout, cin), (cin, cout))]
        if not pointwise:
            raise NoMapping(msg("no weight of shape ({cout}, {cin}, 1, 1) or ({cout}, {cin}) to take for the "
                                "pointwise conv", cout=cout, cin=cin))
        problems = [_depthwise_problem(ctx, config, description, name, shape, rng) for name, shape in pointwise]
        if all(problems):
            raise CheckFailed(Text(call, ": ", problems[0]))

    return for_all(spec.configs, examples, body)


def _depthwise_problem(ctx, config, description, pointwise, shape, rng) -> Message | None:
    """None when, with ``pointwise`` set to pass channel c to output c, changing one input channel
    changes no other of the first in_channels output channels; otherwise what changed."""
    cin = config["args"][0]
    values = _own_values(description, rng)
    values[pointwise] = np.eye(shape[0], shape[1], dtype=np.float32).reshape(shape)
    x = draw_input(rng, _input_shape(config))
    _, base = run_submission(ctx, values, x, "eval")
    for j in (0, cin // 2, cin - 1):
        moved = x.copy()
        moved[:, j] += rng.uniform(2.0, 4.0, size=moved[:, j].shape).astype(np.float32)
        _, result = run_submission(ctx, values, moved, "eval")
        changed = np.abs(result["output"][:, :cin] - base["output"][:, :cin]).sum(axis=(0, 2, 3)) > 0
        others = [int(c) for c in np.flatnonzero(changed) if c != j]
        if others:
            return msg("with the pointwise conv set to pass depthwise channel c to output c, changing input channel "
                       "{changed} changed channel {other}. The depthwise conv filters each input channel on its own "
                       "(groups=in_channels, a weight of shape (C, 1, 3, 3)); only the pointwise 1×1 conv mixes "
                       "channels", changed=j, other=others[0])
    return None


@registry.check("separable_receptive_field", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="3×3 receptive field: the pointwise stage mixes channels within a pixel")
def check_separable_receptive_field(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn, batch=1, pixels=5)
        with _reported_as(config):
            field_of(config)

    def field_of(config):
        stride, call = _stride(config), _call_text(ctx, config)
        rng = np.random.default_rng(seed_for(ctx.task, "separable_receptive_field", config))
        values = _own_values(describe_submission(ctx, config), rng)
        x = draw_input(rng, _input_shape(config))
        i, j = config["height"] // 2, config["width"] // 2
        moved = x.copy()
        moved[:, :, i, j] += rng.uniform(2.0, 4.0, size=moved[:, :, i, j].shape).astype(np.float32)
        _, a = run_submission(ctx, values, x)
        _, b = run_submission(ctx, values, moved)
        if a["output"].ndim != 4:
            raise CheckFailed(Text(call, ": ", msg("unexpected output shape {shape}", shape=a["output"].shape)))
        changed = np.argwhere(np.abs(a["output"] - b["output"]).sum(axis=(0, 1)) > 0)
        outside = [(int(p), int(q)) for p, q in changed if abs(stride * p - i) > 1 or abs(stride * q - j) > 1]
        if outside:
            raise CheckFailed(msg("{call}: changing input pixel {pixel} changed output pixel {output}, whose 3×3 "
                                  "window (stride {stride}) does not cover it. The unit sees a 3×3 neighbourhood: the "
                                  "depthwise conv is 3×3 with padding 1, and the pointwise conv is 1×1, mixing "
                                  "channels only within a pixel", call=call, pixel=(i, j), output=outside[0],
                                  stride=stride))
    return for_all(spec.configs, examples, body)


def _maps(calls) -> list[tuple]:
    """The distinct (kernel, input H×W, output H×W) of the convolutions larger than 1×1: a depthwise
    conv written as one conv per channel maps the same sizes as one grouped conv; a pointwise stage
    written as a matrix product is no convolution at all."""
    return sorted({(tuple(c["weight"][-2:]), tuple(c["input"][-2:]), tuple(c["output"][-2:])) for c in calls
                   if tuple(c["weight"][-2:]) != (1, 1)})


@registry.check("depthwise_stride", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="stride on the depthwise 3×3 conv (feature-map shapes)")
def check_depthwise_stride(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn, batch=1, pixels=4)
        with _reported_as(config):
            expected, got = _convolutions(ctx, spec, config, _maps)
            if not got and expected:
                # Not credited, as nothing unverified is; but the cause is the layout, not the stride.
                raise CheckFailed(msg("{call} on an input of {height}×{width}: your forward calls no convolution larger "
                                      "than 1×1 (a depthwise stage written another way, such as shifted slices), so "
                                      "where its stride sits cannot be seen: this check reads the feature-map sizes "
                                      "of the depthwise 3×3 conv", call=_call_text(ctx, config),
                                      height=config["height"], width=config["width"]))
            if got != expected:
                raise CheckFailed(msg("{call} on an input of {height}×{width}: expected {expected}; yours: {got}. "
                                      "The stride belongs on the depthwise 3×3 conv (the pointwise 1×1 conv keeps "
                                      "the map size), and no other conv is larger than 1×1",
                                      call=_call_text(ctx, config),
                                      height=config["height"], width=config["width"], expected=_maps_text(expected),
                                      got=_maps_text(got)))
    return for_all(spec.configs, examples, body)


# -- channel shuffle: a function on tensors ---------------------------------------------------------

def _apply(ctx, config, x, grad_output=None):
    header = {"op": "apply", "task": ctx.task, "args": wire.encode_value(config["args"]),
              "kwargs": wire.encode_value(config.get("kwargs", {})), "backward": grad_output is not None}
    arrays = {"input": x} if grad_output is None else {"input": x, "grad_output": grad_output}
    return ctx.request(header, arrays)


def _reference(spec, config, x, grad_output=None):
    xt = torch.from_numpy(x.copy()).requires_grad_(grad_output is not None)
    out = spec.reference(xt, *config["args"], **config.get("kwargs", {}))
    result = {"output": out.detach().numpy().copy()}
    if grad_output is not None:
        out.backward(torch.from_numpy(grad_output))
        result["grad:input"] = xt.grad.numpy()
    return result


def _labelled(config) -> np.ndarray:
    """An input whose every value names its channel: x[n, c, h, w] = c."""
    channels = np.arange(config["in_channels"], dtype=np.float32).reshape(1, -1, 1, 1)
    return np.broadcast_to(channels, _input_shape(config)).copy()


def _order_text(order) -> str:
    shown = ", ".join(str(int(c)) for c in order[:16])
    return f"[{shown}{', …' if len(order) > 16 else ''}]"


def _shuffle_output(ctx, config, x) -> np.ndarray:
    _, result = _apply(ctx, config, x)
    return result["output"]


@registry.implements("output_shape", kind="tensor_function")
def check_tensor_output_shape(ctx, spec, examples):
    def body(config):
        x = draw_input(np.random.default_rng(seed_for(ctx.task, "output_shape", config)), _input_shape(config))
        want, got = _reference(spec, config, x)["output"].shape, _shuffle_output(ctx, config, x).shape
        if got != want:
            raise CheckFailed(msg("{call} for x of shape {shape}: expected shape {expected}, got {got}",
                                  call=_call_text(ctx, config, "x"), shape=x.shape, expected=want, got=got))
    return for_all(spec.configs, examples, body)


@registry.implements("same_function", kind="tensor_function")
def check_tensor_same_function(ctx, spec, examples):
    def body(config):
        x = _labelled(config)
        want, got = _reference(spec, config, x)["output"], _shuffle_output(ctx, config, x)
        if got.shape != want.shape or not np.array_equal(got, want):
            order = got[0, :, 0, 0] if got.ndim == 4 and got.shape[:2] == want.shape[:2] else None
            found = (msg("yours {order}", order=_order_text(order)) if order is not None
                     else msg("your output has shape {shape}", shape=got.shape))
            raise CheckFailed(msg("{call}: output channel j·g + i should be input channel i·(C/g) + j, the input "
                                  "channels in the order {order}; {found}", call=_call_text(ctx, config, "x"),
                                  order=_order_text(want[0, :, 0, 0]), found=found))
        drawn = draw_input(np.random.default_rng(seed_for(ctx.task, "same_function", config)), _input_shape(config))
        problem = compare(_reference(spec, config, drawn)["output"], _shuffle_output(ctx, config, drawn), msg("output"))
        if problem:
            raise CheckFailed(Text(_call_text(ctx, config, "x"), ": ", problem))
    return for_all(spec.configs, examples, body)


@registry.check("channel_permutation", premises=("output_shape",), kind="tensor_function", evidence=PREMISED,
                title="output channels are a permutation of the input channels")
def check_channel_permutation(ctx, spec, examples):
    def body(config):
        x = draw_input(np.random.default_rng(seed_for(ctx.task, "channel_permutation", config)), _input_shape(config))
        out, call = _shuffle_output(ctx, config, x), _call_text(ctx, config, "x")
        if out.shape != x.shape:
            raise CheckFailed(msg("{call}: a shuffle keeps the shape {shape}, got {got}", call=call, shape=x.shape,
                                  got=out.shape))
        sources = []
        for c in range(x.shape[1]):
            matches = [k for k in range(x.shape[1]) if np.array_equal(out[:, c], x[:, k])]
            if not matches:
                raise CheckFailed(msg("{call}: output channel {channel} is not any input channel; a shuffle only "
                                      "moves whole channels, it never mixes or changes values", call=call, channel=c))
            sources.append(matches[0])
        if sorted(sources) != list(range(x.shape[1])):
            missing = sorted(set(range(x.shape[1])) - set(sources))
            raise CheckFailed(msg("{call}: input channel {channel} is missing from the output (channels taken "
                                  "{order}); a shuffle is a permutation, every channel exactly once", call=call,
                                  channel=missing[0], order=_order_text(sources)))
    return for_all(spec.configs, examples, body)


@registry.implements("gradients", kind="tensor_function")
def check_tensor_gradients(ctx, spec, examples):
    def body(config):
        rng = np.random.default_rng(seed_for(ctx.task, "gradients", config))
        x = draw_input(rng, _input_shape(config))
        grad_output = draw_input(rng, _input_shape(config))
        want = _reference(spec, config, x, grad_output)["grad:input"]
        _, got = _apply(ctx, config, x, grad_output)
        if "grad:input" not in got:
            raise CheckFailed(msg("{call}: no gradient reached the input (is the output detached, or rebuilt from "
                                  ".data or numpy?)", call=_call_text(ctx, config, "x")))
        problem = compare(want, got["grad:input"], msg("gradient of the input"))
        if problem:
            raise CheckFailed(Text(_call_text(ctx, config, "x"), ": ", problem))
    return for_all(spec.configs, examples, body)


@registry.implements("hygiene", kind="tensor_function")
def check_tensor_hygiene(ctx, spec, examples):
    def body(config):
        x = draw_input(np.random.default_rng(seed_for(ctx.task, "hygiene", config)), _input_shape(config))
        call = _call_text(ctx, config, "x")
        reply, first = _apply(ctx, config, x)
        if reply["input_modified"]:
            raise CheckFailed(msg("{call} modified its input in place; return a new tensor and leave x as it was",
                                  call=call))
        if reply["returned_input"]:
            raise CheckFailed(msg("{call} returned its input tensor itself; the shuffle returns a new tensor",
                                  call=call))
        _, second = _apply(ctx, config, x)
        if not np.array_equal(first["output"], second["output"]):
            raise CheckFailed(msg("{call}: two calls on the same input gave different outputs", call=call))
    return for_all(spec.configs, examples, body)
