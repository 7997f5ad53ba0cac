"""Checks for residual blocks: invariants that hold whatever the weights, and where the stride sits.

- ``identity_path``: with every parameter zero, the residual branch F(x) is 0, so a block with an
  identity shortcut computes what follows the addition applied to x alone: ReLU(x) for the basic,
  bottleneck, SE and ResNeXt blocks, x itself for the pre-activation block (He et al. 2016,
  x_{l+1} = x_l + F(x_l)); the input gradient is that function's, since no signal flows back
  through zero weights. The task's ``IdentityPath`` (tasks/spec.py) says which applies.
- ``projection_shortcut``: the shortcut is the identity exactly when the shape is kept (stride 1 and
  the same channel count) and a 1×1 projection otherwise. With every parameter zero an identity
  shortcut still carries x, a projection carries nothing.
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

from ..sandbox import harness
from .modules import build_reference, describe_submission, run_submission
from .numeric import compare, draw_input, draw_parameter, seed_for
from .outcome import CheckFailed
from .properties import for_all
from .transplant import shape_key


def _input_shape(config) -> tuple:
    return (config["batch"], config["in_channels"], config["height"], config["width"])


def _configs(spec, check_id):
    return spec.check_configs.get(check_id, spec.configs)


def _call_text(ctx, config) -> str:
    return f"{ctx.task}({', '.join(repr(a) for a in config['args'])})"


def zeroed_values(description: dict, rng) -> dict:
    """Every parameter of the submission set to zero (conv weights, BN scales and shifts alike);
    buffers (running statistics) drawn at random, since a zero BN scale must silence them too."""
    values = {name: np.zeros(shape, np.float32) for name, shape, dtype in description["parameters"]
              if dtype.startswith("float")}
    for name, shape, dtype in description["buffers"]:
        if dtype.startswith("float"):
            values[name] = draw_parameter(rng, shape, name)
    return values


def _zeroed_run(ctx, config, check_id, mode="eval", backward=False):
    """Build the submission, zero its parameters and run it on a drawn input whose first entry is
    positive (so ReLU(x) is never all zero). Returns (x, grad_output, result)."""
    rng = np.random.default_rng(seed_for(ctx.task, check_id, config))
    values = zeroed_values(describe_submission(ctx, config), rng)
    x = draw_input(rng, _input_shape(config))
    x.flat[0] = abs(x.flat[0]) + 0.5
    grad_output = draw_input(rng, x.shape) if backward else None
    _, result = run_submission(ctx, values, x, mode, grad_output)
    return x, grad_output, result


def check_identity_path(ctx, spec, examples):
    identity = spec.identity_path
    relu = identity.after_addition == "relu"
    function = "ReLU(x)" if relu else "x"

    def body(config):
        for mode in ("eval", "train"):
            x, grad_output, got = _zeroed_run(ctx, config, "identity_path", mode, backward=True)
            expected = np.maximum(x, 0) if relu else x
            expected_grad = grad_output * (x > 0) if relu else grad_output
            lead = (f"{_call_text(ctx, config)} has an identity shortcut; with every parameter set to zero "
                    f"the residual branch is 0, so in {mode}() mode the block must compute {function}")
            problem = compare(expected, got["output"], "output")
            if problem:
                raise CheckFailed(f"{lead}. {problem}")
            if "grad:input" not in got:
                raise CheckFailed(f"{lead}, and the gradient must reach the input through the shortcut; "
                                  "no gradient reached the input")
            problem = compare(expected_grad, got["grad:input"], "gradient of the input")
            if problem:
                raise CheckFailed(f"{lead}, whose input gradient is "
                                  f"{'grad_output·[x > 0]' if relu else 'grad_output itself'}. {problem}")

    configs = _configs(spec, "identity_path").filter(identity.shortcut_is_identity)
    return for_all(configs, examples, body)


def _extra_projection_weights(ctx, spec, config, description) -> list[str]:
    """The submission's weights shaped like a 1×1 projection (out, in) that the reference lacks."""
    reference = build_reference(spec, config)
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


def check_projection_shortcut(ctx, spec, examples):
    identity = spec.identity_path

    def body(config):
        x, _, got = _zeroed_run(ctx, config, "projection_shortcut")
        out = got["output"]
        if identity.shortcut_is_identity(config):
            description = describe_submission(ctx, config)
            extra = _extra_projection_weights(ctx, spec, config, description)
            carried = out.shape == x.shape and np.allclose(out[x > 0], x[x > 0])
            if extra or not carried:
                found = f" (extra weight{'s' if len(extra) > 1 else ''}: {', '.join(extra)})" if extra else ""
                raise CheckFailed(
                    f"{_call_text(ctx, config)} keeps the shape (stride 1, {config['in_channels']} channels in "
                    f"and out), so its shortcut must be the identity, x itself; with every parameter set to zero "
                    f"the output should still carry x, but it does not{found}. A projection here adds "
                    "parameters and blocks the clean identity path")
        elif np.any(out != 0):
            raise CheckFailed(
                f"{_call_text(ctx, config)} changes the shape, so its shortcut must be a 1×1 convolution (with "
                f"the block's stride); with every parameter set to zero the output should be all zero, but "
                f"{int(np.count_nonzero(out))} of its {out.size} values are not: the shortcut passes the input "
                "through without learnable weights (zero-padding or subsampling is the paper's option A, "
                "not the course's projection)")

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


def check_stride_placement(ctx, spec, examples):
    def body(config):
        shape = _input_shape(config)
        reference = build_reference(spec, config)
        expected = _square_maps(reference_convolutions(reference, shape))
        describe_submission(ctx, config)
        reply, _ = ctx.request({"op": "convolutions", "input_shape": list(shape)})
        got = _square_maps(reply["convolutions"])
        if got != expected:
            raise CheckFailed(f"{_call_text(ctx, config)} on an input of {shape[2]}×{shape[3]}: expected "
                              f"{_maps_text(expected)}; yours: {_maps_text(got)}")
        want = count_macs(reference, shape)
        reply, _ = ctx.request({"op": "shapes", "input_shape": list(shape)})
        if reply["macs"] != want:
            raise CheckFailed(f"{_call_text(ctx, config)} on an input of {shape[2]}×{shape[3]}: expected "
                              f"{want:,} multiply–accumulates with the stride on the 3×3 conv, got "
                              f"{reply['macs']:,}")

    return for_all(_configs(spec, "stride_placement"), examples, body)


CHECKS = {"identity_path": check_identity_path, "projection_shortcut": check_projection_shortcut,
          "stride_placement": check_stride_placement}
