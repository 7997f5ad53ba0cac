"""The smallest failing case that still means something, and how it is shown.

Hypothesis shrinks a failure towards the smallest input it can draw, and for a convolutional block
that can be smaller than the block's own receptive field: at 1×1 a 5×5 branch without padding no
longer shows its wrong output size, it crashes with torch's "Kernel size can't be greater than
actual input size", which hides the student's real bug. So when the shrunk case is smaller than the
reference's receptive field, the check is searched again over inputs lifted to that size, and the
smallest failure found there is the one reported. The verdict (and so the score) is the first
search's; only the case shown changes. Kept apart from the check bodies on purpose.
"""
from __future__ import annotations

import dataclasses
import functools
import json

import torch
from torch import nn

from .outcome import CheckFailed, NotImplementedYet
from .properties import for_all
from ..sandbox import WorkerLost
from ..tasks.spec import ModuleSpec, examples_for

_PROBE = 33  # the input size the receptive field is measured on (odd: a centre pixel)
_INPUTS = 16  # random inputs it is measured with


def below_field(spec, failure: CheckFailed) -> bool:
    """Whether a failure's case is smaller than the reference's receptive field (a module task's)."""
    example = failure.example
    if not isinstance(spec, ModuleSpec) or spec.kind != "module" or not isinstance(example, dict) \
            or "height" not in example:
        return False
    floor_h, floor_w = receptive_field(spec, example)
    return example["height"] < floor_h or example["width"] < floor_w


def meaningful(ctx, spec, check_id: str, implementation, failure: CheckFailed) -> CheckFailed:
    """For a failure ``below_field``: the smallest failure over inputs lifted to the receptive
    field, when the check fails there too; else ``failure`` itself."""

    def lift(config):
        rh, rw = receptive_field(spec, config)
        return dict(config, height=max(config["height"], rh), width=max(config["width"], rw))

    lifted = dataclasses.replace(spec, configs=spec.configs.map(lift),
                                 check_configs={k: v.map(lift) for k, v in spec.check_configs.items()})
    try:
        implementation(ctx, lifted, examples_for(spec, check_id))
    except NotImplementedYet:
        return failure
    except CheckFailed as found:
        return found
    except (Exception, WorkerLost):  # noqa: BLE001 - the first verdict stands; only its case is at stake
        return failure
    return failure


def receptive_field(spec, config) -> tuple[int, int]:
    """The reference's receptive field (height, width) for this configuration."""
    key = json.dumps([config.get("args"), config.get("kwargs", {}), config["in_channels"]], sort_keys=True,
                     default=repr)
    return _receptive_field(spec.reference, key)


@functools.lru_cache(maxsize=256)
def _receptive_field(reference, key: str) -> tuple[int, int]:
    args, kwargs, channels = json.loads(key)
    torch.manual_seed(0)
    try:
        module = reference(*args, **kwargs).eval()
        local = _gradient_support(module, channels)
        return local if local is not None else _chained_kernels(module, channels)
    except Exception:  # noqa: BLE001 - a configuration the probe cannot run has no floor to lift to
        return 1, 1


def _gradient_support(module, channels) -> tuple[int, int] | None:
    """The input pixels one centre output pixel depends on, measured with autograd; None when it
    depends on the whole input (a global squeeze), where no pixel count is the field."""
    generator = torch.Generator().manual_seed(0)
    # Many inputs at once (eval mode keeps them independent): a ReLU that is off at a pixel for one
    # input hides that pixel's path; the union over all of them does not.
    x = torch.randn(_INPUTS, channels, _PROBE, _PROBE, generator=generator, requires_grad=True)
    out = module(x)
    if out.ndim != 4:
        return None
    weights = torch.randn(out.shape[:2], generator=generator)
    (out[:, :, out.shape[2] // 2, out.shape[3] // 2] * weights).sum().backward()
    rows, cols = torch.nonzero(x.grad.abs().sum((0, 1)), as_tuple=True)
    if rows.numel() == 0:
        return 1, 1
    height, width = int(rows.max() - rows.min()) + 1, int(cols.max() - cols.min()) + 1
    if height >= _PROBE or width >= _PROBE:
        return None
    return height, width


def _chained_kernels(module, channels) -> tuple[int, int]:
    """For a block with a global squeeze: its spatial layers taken as one chain, in the order they
    run (each adds (k - 1) input pixels times the strides before it)."""
    field, jump = [1, 1], [1, 1]

    def grow(layer, _inputs, _output):
        kernel = _pair(layer.kernel_size)
        stride = _pair(layer.stride)
        dilation = _pair(getattr(layer, "dilation", 1))
        for axis in (0, 1):
            field[axis] += (kernel[axis] - 1) * dilation[axis] * jump[axis]
            jump[axis] *= stride[axis]

    hooks = [m.register_forward_hook(grow) for m in module.modules()
             if isinstance(m, (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d))]
    try:
        with torch.no_grad():
            module(torch.zeros(1, channels, _PROBE, _PROBE))
    finally:
        for hook in hooks:
            hook.remove()
    return field[0], field[1]


def _pair(value) -> tuple[int, int]:
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def describe(signature: str, example) -> str:
    """A case as the call that builds it, arguments by name (``signature`` is the task's, from the
    rubric), and the input's shape: ``InceptionBlock(in_channels=1, filter_list=[1, 1, 1, 1, 1, 1]);
    x: (N=1, C=1, H=7, W=7)``."""
    if not isinstance(example, dict) or "args" not in example:
        return repr(example) if not isinstance(example, dict) else ", ".join(f"{k}={v!r}" for k, v in example.items())
    name, names = _parameters(signature)
    args = list(example["args"])
    kwargs = dict(example.get("kwargs", {}))
    if names and names[0] == "x" and "height" in example:
        names = names[1:]   # a tensor function: the tensor is the input described after the call
    shown = [f"{names[i]}={value!r}" if i < len(names) else repr(value) for i, value in enumerate(args)]
    shown += [f"{key}={value!r}" for key, value in kwargs.items()]
    call = f"{name}({', '.join(shown)})"
    if "height" in example:
        call += (f"; x: (N={example['batch']}, C={example['in_channels']}, H={example['height']}, "
                 f"W={example['width']})")
    return call


def _parameters(signature: str) -> tuple[str, list[str]]:
    """``"conv_params(in_channels, out_channels, kernel_size, bias=True) -> int"`` → the name and
    the parameter names in order."""
    name, _, rest = signature.partition("(")
    inside = rest.rpartition(")")[0]
    names = [part.split("=")[0].strip() for part in inside.split(",") if part.strip()]
    return name.strip(), names
