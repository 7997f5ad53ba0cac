"""Helpers for the zoo's family tests: build on meta, compare against a library twin.

A twin comparison must be able to fail for the mistakes a structural copy makes (a BN eps, a pool
that counts padding, a branch order, a missing ReLU), so the twin's weights *and* BN statistics
are drawn at random before they are loaded into ours: with fresh-init statistics (mean 0, var 1)
several of those mistakes would be invisible.
"""

from __future__ import annotations

import math
from typing import Callable

import torch
import torch.nn as nn

from classic_grade.grading import single_threaded


def on_meta(builder: Callable[[], nn.Module]) -> nn.Module:
    with torch.device("meta"):
        return builder()


# Random values are drawn once and reused: drawing tens of millions afresh for every twin would
# cost more than the comparison itself. The pool's length is prime, so consecutive tensors, and
# consecutive channels inside one, start at unrelated places in it.
_POOL_SIZE = 1_000_003
_POOL = torch.randn(_POOL_SIZE, generator=torch.Generator().manual_seed(20260101))


def _draw(shape: torch.Size, offset: int) -> torch.Tensor:
    numel = math.prod(shape)
    start = offset % _POOL_SIZE
    repeats = (start + numel) // _POOL_SIZE + 1
    source = _POOL.repeat(repeats) if repeats > 1 else _POOL
    return source[start:start + numel].view(shape)


def randomize(model: nn.Module, seed: int = 0) -> nn.Module:
    """Fill every parameter and BN buffer with pseudo-random values of a sane scale, in place."""
    offset = seed * 7919

    def normal(shape):
        nonlocal offset
        offset += 104_729  # another prime step, so no two tensors share a start
        return _draw(shape, offset)

    def uniform(shape, low, high):  # a smooth map of the normal pool onto (low, high)
        return torch.sigmoid(normal(shape)) * (high - low) + low

    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                fan_in = module.weight[0].numel()
                module.weight.copy_(normal(module.weight.shape) * math.sqrt(2.0 / fan_in))
                if module.bias is not None:
                    module.bias.copy_(uniform(module.bias.shape, -0.1, 0.1))
            elif isinstance(module, nn.BatchNorm2d):
                module.weight.copy_(uniform(module.weight.shape, 0.5, 1.5))
                module.bias.copy_(uniform(module.bias.shape, -0.2, 0.2))
                module.running_mean.copy_(uniform(module.running_mean.shape, -0.2, 0.2))
                # Small variances make a wrong eps (1e-5 against 1e-3) visible in the outputs.
                module.running_var.copy_(uniform(module.running_var.shape, 0.01, 1.0))
                module.num_batches_tracked.zero_()
    return model


# Torch on one thread, then restored: the grader's own helper. On a shared two-core machine the
# intra-op threads of small tensor ops (a twin test's fills, copies and tiny convolutions) mostly
# spin waiting for each other: one thread made the twin tests 2-5 times faster here.
one_thread = single_threaded


def materialize(model: nn.Module) -> nn.Module:
    """A meta-built model on the CPU with uninitialised storage (skips slow initialisers)."""
    return model.to_empty(device="cpu")


def assert_same_as_twin(ours: nn.Module, twin: nn.Module, input_size: int, batch: int = 2, seed: int = 0,
                        channels: int = 3) -> None:
    """Same state_dict keys and shapes; after loading the randomised twin's state, the same eval outputs.

    ``ours`` may be built on the meta device: the twin's tensors are then assigned to it, not copied.
    """
    twin_state = randomize(twin, seed).state_dict()
    our_state = ours.state_dict()
    assert list(our_state) == list(twin_state), "state_dict keys differ from the twin's"
    for key, tensor in our_state.items():
        assert tensor.shape == twin_state[key].shape, f"{key}: {tuple(tensor.shape)} vs {tuple(twin_state[key].shape)}"
    ours.load_state_dict(twin_state, strict=True, assign=True)
    x = torch.randn(batch, channels, input_size, input_size, generator=torch.Generator().manual_seed(seed + 1))
    # oneDNN spends about a second building kernels for a network's many conv shapes; at these tiny
    # inputs the native kernels are faster, and the arithmetic compared is the same.
    with torch.no_grad(), torch.backends.mkldnn.flags(enabled=False):
        expected = twin.eval()(x)
        got = ours.eval()(x)
    assert got.shape == expected.shape
    scale = expected.abs().max().item()
    assert scale > 0, "the twin's output is all zeros: the comparison would prove nothing"
    torch.testing.assert_close(got, expected, rtol=1e-5, atol=1e-5 * scale)
