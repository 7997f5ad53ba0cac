"""Checks for channel attention (squeeze-and-excitation, ECA): invariants that hold whatever the
weights, so each runs on the submission's own tensors set by its own names (no mapping needed).

- ``channel_scaling``: the output is the input times one factor per sample and channel, constant
  over space, strictly between 0 and 1 (a sigmoid gate): SE's "scale" step, Hu et al. 2018, eq. 4.
- ``mean_squeeze``: the squeeze is a spatial *mean*. Two inputs with the same per-channel means but
  different maxima (and minima) must get the same gate.
- ``per_sample_gate``: each sample is gated by its own statistics; changing one sample of the batch
  leaves every other sample's output as it was, in train() and eval() mode.
- ``excitation_width``: SE's bottleneck has ``max(1, C // r)`` units: weights of shapes (h, C) and
  (C, h), as ``nn.Linear`` or as 1×1 convolutions.
- ``channel_neighbourhood``: ECA's gate for channel i depends only on the channels within
  ``k_size // 2`` of i (a 1-D convolution across channels, zero-padded: no wrap-around).

The gate is read off the output by least squares per (sample, channel): s = Σ out·x / Σ x².
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from ..messages import Message, msg
from . import registry
from .modules import _reported_as, describe_submission, float_tensors, own_values, run_submission
from .numeric import compare, draw_input, seed_for
from .outcome import CheckFailed
from .properties import for_all
from .registry import PREMISED
from .transplant import shape_key


def _input_shape(config) -> tuple:
    return (config["batch"], config["in_channels"], config["height"], config["width"])


def _call_text(ctx, config) -> str:
    parts = [repr(a) for a in config["args"]] + [f"{k}={v!r}" for k, v in config.get("kwargs", {}).items()]
    return f"{ctx.task}({', '.join(parts)})"


def _argument(config, position: int, name: str, default):
    """A constructor argument as the configuration passes it: positionally, by keyword, or not at all."""
    if len(config["args"]) > position:
        return config["args"][position]
    return config.get("kwargs", {}).get(name, default)


def _enlarged(drawn, batch=1, pixels=1) -> dict:
    """The drawn configuration with at least ``batch`` samples and ``pixels`` per side: a spatial
    property says nothing about a 1×1 map, a per-sample one nothing about a batch of one."""
    return dict(drawn, batch=max(drawn["batch"], batch), height=max(drawn["height"], pixels),
                width=max(drawn["width"], pixels))


def _gate(x: np.ndarray, out: np.ndarray) -> np.ndarray:
    """The factor per (sample, channel) that best maps x onto out (least squares over the pixels)."""
    x64, out64 = x.astype(np.float64), out.astype(np.float64)
    return (out64 * x64).sum(axis=(2, 3)) / np.maximum((x64 * x64).sum(axis=(2, 3)), 1e-30)


def _own_run(ctx, config, check_id):
    """Build the submission with its own drawn tensors; returns (rng, values, run) where run(x,
    mode) gives the output for an input."""
    rng = np.random.default_rng(seed_for(ctx.task, check_id, config))
    values = own_values(float_tensors(describe_submission(ctx, config)), rng)

    def run(x, mode="eval"):
        _, result = run_submission(ctx, values, x, mode)
        out = result["output"]
        if out.shape != x.shape:
            raise CheckFailed(msg("{call} on an input of shape {shape} returned shape {got}; channel attention "
                                  "returns x · s, the input's own shape", call=_call_text(ctx, config),
                                  shape=x.shape, got=out.shape))
        return out
    return rng, values, run


def _scaling_problem(x, out, channels) -> Message | None:
    """None when out is x times one factor per (sample, channel); otherwise where it is not."""
    s = _gate(x, out)
    expected = (s[:, :, None, None] * x).astype(np.float32)
    problem = compare(expected, out, msg("output against x times its best per-channel factor"), channels, 2)
    if problem is None:
        return None
    worst = np.abs(out.astype(np.float64) - expected).reshape(out.shape[0], out.shape[1], -1).max(axis=2)
    n, c = np.unravel_index(int(np.argmax(worst)), worst.shape)
    ratios = out[n, c].reshape(-1) / np.where(x[n, c].reshape(-1) == 0, np.nan, x[n, c].reshape(-1))
    shown = ", ".join(f"{r:.4g}" for r in ratios[:4])
    return msg("in sample {sample}, channel {channel} the output is not the input times one factor: output/input "
               "per pixel is {ratios} ({problem})", sample=n, channel=c,
               ratios=shown + (" …" if ratios.size > 4 else ""), problem=problem)


@registry.check("channel_scaling", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="output is x times one factor in (0, 1) per sample and channel")
def check_channel_scaling(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn, batch=2, pixels=2)
        with _reported_as(config):
            scaling_of(config)

    def scaling_of(config):
        rng, _, run = _own_run(ctx, config, "channel_scaling")
        # Two ordinary inputs, drawn as every other check draws them: a rescaled input would
        # tell the module which check is asking.
        for _ in range(2):
            x = draw_input(rng, _input_shape(config))
            out = run(x)
            problem = _scaling_problem(x, out, config["in_channels"])
            if problem:
                raise CheckFailed(msg("{call}: {problem}. The excitation gives one number per channel, and the scale "
                                      "step multiplies the whole feature map by it", call=_call_text(ctx, config),
                                      problem=problem))
            s = _gate(x, out)
            # A float32 sigmoid may round to exactly 1 (or 0) for large logits: allow the closed
            # interval up to the estimate's rounding, but nothing a tanh, ReLU or x + x·s gives.
            slack = 1e-5
            outside = np.argwhere((s < -slack) | (s > 1 + slack))
            if outside.size:
                n, c = (int(i) for i in outside[0])
                raise CheckFailed(msg("{call}: sample {sample}, channel {channel} is scaled by {factor:.6g}; the gate "
                                      "is a sigmoid, so every factor lies between 0 and 1 (the output is x · s, not "
                                      "x + x · s, and the gate is neither missing nor a tanh or ReLU)",
                                      call=_call_text(ctx, config), sample=n, channel=c, factor=float(s[n, c])))
    return for_all(spec.configs, examples, body)


@registry.check("mean_squeeze", kind="module", title="the squeeze is a spatial mean", evidence=PREMISED)
def check_mean_squeeze(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn, pixels=2)
        with _reported_as(config):
            squeeze_of(config)

    def squeeze_of(config):
        rng, _, run = _own_run(ctx, config, "mean_squeeze")
        x = draw_input(rng, _input_shape(config))
        mean = x.mean(axis=(2, 3), keepdims=True)
        # Each map reflected about its own mean: the same mean, the maximum becomes 2·mean − minimum,
        # and (the deviations of independent normal draws being symmetric) exactly the distribution
        # of an ordinary input, so the module cannot tell this input from any other.
        spread = (np.float32(2.0) * mean - x).astype(np.float32)
        gates = [_gate(v, run(v)) for v in (x, spread)]
        problem = compare(gates[0], gates[1], msg("gate"), config["in_channels"], 2)
        if problem:
            difference = np.abs(gates[0] - gates[1])
            n, c = np.unravel_index(int(np.argmax(difference)), difference.shape)
            raise CheckFailed(msg(
                "{call}: two inputs with the same spatial mean in every channel but different maxima got different "
                "gates (sample {sample}, channel {channel}: {first:.6g} and {second:.6g}, spatial maxima "
                "{max_first:.4g} and {max_second:.4g}). The squeeze is global average pooling, the mean over H and "
                "W, not a max", call=_call_text(ctx, config), sample=n, channel=c, first=float(gates[0][n, c]),
                second=float(gates[1][n, c]), max_first=float(x[n, c].max()), max_second=float(spread[n, c].max())))
    return for_all(spec.configs, examples, body)


@registry.check("per_sample_gate", premises=("output_shape",), kind="module", title="each sample gated by its own statistics", evidence=PREMISED)
def check_per_sample_gate(ctx, spec, examples):
    def body(drawn):
        config = _enlarged(drawn, batch=2)
        with _reported_as(config):
            per_sample(config)

    def per_sample(config):
        rng, _, run = _own_run(ctx, config, "per_sample_gate")
        x = draw_input(rng, _input_shape(config))
        changed = x.copy()
        changed[0] = draw_input(rng, x.shape[1:])   # another ordinary sample, not a recognisable one
        for mode in ("eval", "train"):
            before, after = run(x, mode), run(changed, mode)
            problem = compare(before[1:], after[1:], msg("output of the other samples"), config["in_channels"], 2)
            if problem:
                raise CheckFailed(msg("{call} in {mode}() mode: changing sample 0 of the batch changed the other "
                                      "samples' outputs ({problem}). Each sample is squeezed over its own pixels "
                                      "(dims 2 and 3) and gated by its own excitation; nothing is pooled or "
                                      "normalised across the batch", call=_call_text(ctx, config), mode=mode,
                                      problem=problem))
    return for_all(spec.configs, examples, body)


@registry.check("excitation_width", kind="module", evidence=PREMISED,
                title="excitation bottleneck of max(1, C // r) units")
def check_excitation_width(ctx, spec, examples):
    def body(config):
        channels = config["in_channels"]
        reduction = _argument(config, 1, "reduction", 16)
        hidden = max(1, channels // reduction)
        weights = [(name, tuple(shape)) for name, shape, dtype in describe_submission(ctx, config)["parameters"]
                   if dtype.startswith("float") and len(shape) >= 2]
        got = Counter(shape_key(shape) for _, shape in weights)
        # Contains, not equals: a bias kept as a (1, n) row has rank 2 too (extra weights cost the
        # parameter count, not this check).
        if not Counter([(hidden, channels), (channels, hidden)]) <= got:
            listing = ", ".join(f"{n} {s}" for n, s in weights) or "none"
            raise CheckFailed(msg(
                "{call}: the excitation's bottleneck has max(1, {channels} // {reduction}) = {hidden} units, so its "
                "two weights have shapes ({hidden}, {channels}) and ({channels}, {hidden}) (as nn.Linear, or as 1×1 "
                "convolutions with two trailing 1s); the submission's weights: {weights}",
                call=_call_text(ctx, config), channels=channels, reduction=reduction, hidden=hidden, weights=listing))
    return for_all(spec.configs, examples, body)


@registry.check("channel_neighbourhood", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="gate sees only the k_size neighbouring channels")
def check_channel_neighbourhood(ctx, spec, examples):
    def body(drawn):
        radius = _argument(drawn, 1, "k_size", 3) // 2
        config = dict(drawn, in_channels=max(drawn["in_channels"], 2 * radius + 3))
        config["args"] = [config["in_channels"], *drawn["args"][1:]]
        with _reported_as(config):
            neighbourhood_of(config, radius)

    def neighbourhood_of(config, radius):
        rng, _, run = _own_run(ctx, config, "channel_neighbourhood")
        x = draw_input(rng, _input_shape(config))
        # The edge channel, so that a wrap-around (circular padding) shows, then the middle one.
        for j in (0, config["in_channels"] // 2):
            moved = x.copy()
            moved[:, j] = draw_input(rng, moved[:, j].shape)   # channel j drawn afresh, as ordinary as before
            a, b = run(x), run(moved)
            changed = np.argwhere(np.abs(a - b).sum(axis=(0, 2, 3)) > 0).reshape(-1)
            outside = [int(i) for i in changed if abs(int(i) - j) > radius]
            if outside:
                raise CheckFailed(msg(
                    "{call}: changing input channel {changed} changed the gate of channel {gate}, farther than "
                    "k_size // 2 = {radius} channels away. ECA's gate for a channel comes from a 1-D convolution over "
                    "its k neighbouring channels, zero-padded at the ends (padding k_size // 2, no wrap-around, no "
                    "fully connected layer)", call=_call_text(ctx, config), changed=j, gate=outside[0], radius=radius))
    return for_all(spec.configs, examples, body)

