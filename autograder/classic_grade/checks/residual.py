"""Checks for residual blocks: invariants that hold whatever the weights, and where the stride sits.

- ``identity_path``: with the last layer of the residual branch set to zero (scale and shift) on
  some output channels, the branch F(x) is 0 there, so a block with an identity shortcut computes
  what follows the addition applied to x alone on those channels: ReLU(x) for the basic,
  bottleneck, SE and ResNeXt blocks, x itself for the pre-activation block (He et al. 2016,
  x_{l+1} = x_l + F(x_l)); the input gradient is that function's. The task's ``IdentityPath``
  (tasks/spec.py) says which applies.
- ``projection_shortcut``: the shortcut is the identity exactly when the shape is kept (stride 1 and
  the same channel count) and a 1×1 projection otherwise. With the last layers silenced on some
  channels an identity shortcut still carries x there, a projection carries nothing.

The probes are ordinary runs: every other tensor is drawn as the other checks draw it, and the
input is an ordinary draw, so a block cannot tell them from the checks that compare its function
(all-zero parameters, the earlier probe, were easy to recognise). The silenced layers are found
in the forward's own trace: the operations that write the block's output shape.
- ``stride_placement``: the shapes every convolution maps between, and the MACs, against the
  reference's: a bottleneck's stride belongs on its 3×3 conv (ResNet "v1.5", torchvision, the
  course), not on the first 1×1 conv (the 2015 paper's Caffe models) nor on the last.

All three are mapping-free: they set the submission's own tensors by its own names.
"""
from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import numpy as np
import torch

from classic_cnn.counting import count_macs

from ..messages import msg
from ..sandbox import harness
from . import registry
from .modules import build_reference, describe_submission, run_submission
from .numeric import compare, draw_buffer, draw_input, draw_parameter, seed_for
from .outcome import CheckFailed
from .properties import for_all
from .registry import PREMISED
from .transplant import shape_key


def _input_shape(config) -> tuple:
    return (config["batch"], config["in_channels"], config["height"], config["width"])


def _configs(spec, check_id):
    return spec.check_configs.get(check_id, spec.configs)


def _call_text(ctx, config) -> str:
    return f"{ctx.task}({', '.join(repr(a) for a in config['args'])})"


def _final_layers(trace, parameters: dict, out_shape) -> list[str]:
    """The parameters read by every operation of the forward whose output has the block's output
    shape: the last layers of the residual branch (its last BN or, pre-activation, its last conv)
    and of a projection shortcut, whatever they are called and however they are written."""
    names = []
    for call in trace:
        if len(call) >= 4 and call[3] == list(out_shape):
            names.extend(n for n in call[1] if n in parameters and n not in names)
    return names


def _zero_channels(value: np.ndarray, channels, count: int) -> np.ndarray:
    """``value`` with the given output channels set to zero (rows of a conv weight, entries of a BN
    scale or shift, or the axis of that size in a layout of one's own)."""
    value = value.copy()
    axis = next((a for a, size in enumerate(value.shape) if size == count), None)
    if axis is None:
        value[...] = 0
    else:
        index = [slice(None)] * value.ndim
        index[axis] = channels
        value[tuple(index)] = 0
    return value


class SilencedChannels:
    """A probe that looks like every other run: the submission's own tensors drawn as the ordinary
    checks draw them, an ordinary input, and only some output channels of the layers that write the
    block's output shape (the residual branch's last BN or conv, and a projection's) set to zero
    in scale and shift. On those channels the residual branch, and a projection, is exactly 0,
    whatever the other weights are; an identity shortcut still carries x there."""

    def __init__(self, ctx, config, check_id):
        rng = np.random.default_rng(seed_for(ctx.task, check_id, config))
        description = describe_submission(ctx, config)
        parameters = {n: tuple(s) for n, s, dtype in description["parameters"] if dtype.startswith("float")}
        self.values = {n: draw_parameter(rng, s, n) for n, s in parameters.items()}
        self.values.update({n: draw_buffer(rng, s) for n, s, dtype in description["buffers"]
                            if dtype.startswith("float")})
        self.x = draw_input(rng, _input_shape(config))
        reply, first = run_submission(ctx, self.values, self.x, trace=True)
        out_shape = first["output"].shape
        if len(out_shape) != 4:
            raise CheckFailed(msg("{call} returned shape {shape}, not (N, C, H, W)", call=_call_text(ctx, config),
                                  shape=tuple(out_shape)))
        layers = _final_layers(reply.get("trace", []), parameters, out_shape)
        if not layers:
            raise CheckFailed(msg("{call}: no parameter of the block is read by an operation that writes its output "
                                  "shape {shape}, so the grader could not silence the residual branch and could not "
                                  "verify this property", call=_call_text(ctx, config), shape=tuple(out_shape)))
        channels_out = out_shape[1]
        # Channels where an identity shortcut shows: the input has a positive value there.
        shown = [c for c in range(min(channels_out, self.x.shape[1])) if (self.x[:, c] > 0).any()] or [0]
        chosen = rng.permutation(shown)[:max(1, len(shown) // 2)]
        self.channels = sorted(int(c) for c in chosen)
        for name in layers:
            self.values[name] = _zero_channels(self.values[name], self.channels, channels_out)
        self.rng = rng

    def run(self, ctx, mode="eval", backward=False):
        """(output, grad_output, result) of the silenced block; grad_output is zero outside the
        silenced channels, so the input gradient comes from them alone."""
        grad_output = None
        if backward:
            _, plain = run_submission(ctx, self.values, self.x, mode)
            grad_output = np.zeros_like(plain["output"])
            grad_output[:, self.channels] = draw_input(self.rng, grad_output[:, self.channels].shape)
        _, result = run_submission(ctx, self.values, self.x, mode, grad_output)
        return result["output"], grad_output, result


@registry.check("identity_path", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="with its residual branch silenced, a block with an identity shortcut passes x through")
def check_identity_path(ctx, spec, examples):
    identity = spec.identity_path
    relu = identity.after_addition == "relu"
    function = "ReLU(x)" if relu else "x"

    def body(config):
        probe = SilencedChannels(ctx, config, "identity_path")
        channels = probe.channels
        x = probe.x[:, channels]
        live = [c for c in range(probe.x.shape[1]) if c not in channels]
        shortcut_alone = []
        for mode in ("eval", "train"):
            out, grad_output, got = probe.run(ctx, mode, backward=True)
            lead = msg("{call} has an identity shortcut; with the last layer of its residual branch set to zero on "
                       "output channel(s) {channels} the branch is 0 there, so in {mode}() mode the block must "
                       "compute {function} on those channels", call=_call_text(ctx, config), channels=channels,
                       mode=mode, function=function)
            if out.shape != probe.x.shape:
                raise CheckFailed(msg("{lead}; the output has shape {shape}, the input {input}", lead=lead,
                                      shape=out.shape, input=probe.x.shape))
            expected = np.maximum(x, 0) if relu else x
            problem = compare(expected, out[:, channels], msg("output"))
            if problem:
                raise CheckFailed(msg("{lead}. {problem}", lead=lead, problem=problem))
            # Where x > 0 on a live channel, ReLU(x + F) = x only if F is exactly 0 there, and a branch
            # that ends in BN (every block with a ReLU after the addition) has a random shift, so it
            # is not. (A pre-activation branch ends in a conv after a ReLU and may be exactly 0.)
            shown = probe.x[:, live] > 0
            shortcut_alone.append(relu and bool(shown.any()) and np.array_equal(out[:, live][shown],
                                                                                 probe.x[:, live][shown]))
            if "grad:input" not in got:
                raise CheckFailed(msg("{lead}, and the gradient must reach the input through the shortcut; no "
                                      "gradient reached the input", lead=lead))
            g = grad_output[:, channels]
            expected_grad = np.zeros_like(probe.x)
            expected_grad[:, channels] = g * (x > 0) if relu else g
            problem = compare(expected_grad, got["grad:input"], msg("gradient of the input"))
            if problem:
                gradient = "grad_output·[x > 0]" if relu else "grad_output"
                raise CheckFailed(msg("{lead}, whose input gradient is {gradient} on those channels and nothing "
                                      "elsewhere. {problem}", lead=lead, gradient=gradient, problem=problem))
        if all(shortcut_alone):
            raise CheckFailed(msg("{call}: on the channels whose branch was left as drawn ({live}) the output must "
                                  "be {function} plus the branch, but in eval() and train() mode alike it is exactly "
                                  "{function}: the block returns its shortcut alone", call=_call_text(ctx, config),
                                  live=live, function=function))

    configs = _configs(spec, "identity_path").filter(identity.shortcut_is_identity)
    return for_all(configs, examples, body)


def _extra_projection_weights(ctx, spec, config, description) -> list[str]:
    """The submission's weights shaped like a 1×1 projection (out, in) that the reference lacks. A
    projection adds parameters: with as many as the reference, such weights are a layout of the
    reference's own (an expansion conv split in two halves), not a projection."""
    reference = build_reference(spec, config)
    if sum(int(np.prod(shape)) for _, shape, _ in description["parameters"]) == \
            sum(p.numel() for p in reference.parameters()):
        return []
    theirs = Counter(shape_key(p.shape) for p in reference.parameters() if p.dim() >= 2)
    extra = []
    for name, shape, _ in description["parameters"]:
        if len(shape) < 2:
            continue
        key = shape_key(shape)
        if theirs[key] > 0:
            theirs[key] -= 1
        elif len(key) == 2:
            extra.append(f"{name} {tuple(shape)}")
    return extra


@registry.check("projection_shortcut", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="projection shortcut exactly when the shape changes")
def check_projection_shortcut(ctx, spec, examples):
    identity = spec.identity_path

    def body(config):
        probe = SilencedChannels(ctx, config, "projection_shortcut")
        out, _, _ = probe.run(ctx)
        channels = probe.channels
        silenced = out[:, channels]
        if identity.shortcut_is_identity(config):
            description = describe_submission(ctx, config)
            extra = _extra_projection_weights(ctx, spec, config, description)
            x = probe.x[:, channels]
            carried = out.shape == probe.x.shape and np.allclose(silenced[x > 0], x[x > 0], rtol=1e-5, atol=1e-6)
            if extra or not carried:
                found = msg(" (extra weights: {names})", names=", ".join(extra)) if extra else ""
                raise CheckFailed(msg(
                    "{call} keeps the shape (stride 1, {channels_in} channels in and out), so its shortcut must be "
                    "the identity, x itself; with the last layers set to zero on output channel(s) {channels} the "
                    "output should still carry x there, but it does not{found}. A projection here adds parameters "
                    "and blocks the clean identity path", call=_call_text(ctx, config),
                    channels_in=config["in_channels"], channels=channels, found=found))
        elif np.any(silenced != 0):
            raise CheckFailed(msg(
                "{call} changes the shape, so its shortcut must be a 1×1 convolution (with the block's stride) and "
                "BN; with the last layers of both paths set to zero on output channel(s) {channels} the output "
                "should be zero there, but {nonzero} of its {size} values are not: the shortcut passes the input "
                "through without learnable weights (zero-padding or subsampling is the paper's option A, not the "
                "course's projection)", call=_call_text(ctx, config), channels=channels,
                nonzero=int(np.count_nonzero(silenced)), size=silenced.size))

    return for_all(_configs(spec, "projection_shortcut"), examples, body)


def reference_convolutions(module: torch.nn.Module, input_shape) -> list[dict]:
    """The reference's convolutions, recorded by the worker's own op run here on trusted code."""
    reply, _ = harness.convolutions(SimpleNamespace(module=module, device=torch.device("cpu")),
                                    {"input_shape": list(input_shape)}, {})
    return reply["convolutions"]


def _square_maps(calls) -> list[tuple]:
    """(kernel, input H×W, output H×W) of the convolutions with a kernel larger than 1×1."""
    return sorted((tuple(c["weight"][-2:]), tuple(c["input"][-2:]), tuple(c["output"][-2:]))
                  for c in calls if tuple(c["weight"][-2:]) != (1, 1))


def _maps_text(maps) -> str:
    return ", ".join(f"{k[0]}×{k[1]} conv {i[0]}×{i[1]} → {o[0]}×{o[1]}" for k, i, o in maps) or "none"


@registry.check("stride_placement", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="stride on the 3×3 conv (feature-map shapes and MACs)")
def check_stride_placement(ctx, spec, examples):
    def body(config):
        shape = _input_shape(config)
        reference = build_reference(spec, config)
        expected = _square_maps(reference_convolutions(reference, shape))
        describe_submission(ctx, config)
        reply, _ = ctx.request({"op": "convolutions", "input_shape": list(shape)})
        got = _square_maps(reply["convolutions"])
        if got != expected:
            raise CheckFailed(msg("{call} on an input of {height}×{width}: expected {expected}; yours: {got}",
                                  call=_call_text(ctx, config), height=shape[2], width=shape[3],
                                  expected=_maps_text(expected), got=_maps_text(got)))
        want = count_macs(reference, shape)
        reply, _ = ctx.request({"op": "shapes", "input_shape": list(shape)})
        if reply["macs"] != want:
            raise CheckFailed(msg("{call} on an input of {height}×{width}: expected {expected:,} "
                                  "multiply–accumulates with the stride on the 3×3 conv, got {got:,}",
                                  call=_call_text(ctx, config),
                                  height=shape[2], width=shape[3], expected=want, got=reply["macs"]))

    return for_all(_configs(spec, "stride_placement"), examples, body)

