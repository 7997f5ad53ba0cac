"""Parameter, multiply-accumulate and feature-shape counting.

Everything here runs the module on whatever device its parameters live on, so a network built
under ``with torch.device("meta"):`` is counted from shapes alone: no memory, no arithmetic.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import torch
import torch.nn as nn
from torch.utils.flop_counter import FlopCounterMode

__all__ = ["count_params", "count_macs", "macs_and_output", "feature_shapes"]

_aten = torch.ops.aten
# Conv and linear/matmul only: bias adds, BN, activations and pooling count zero MACs,
# the convention of the papers and of the course's published tables.
_MAC_OPS = frozenset(
    {_aten.convolution, _aten._convolution, _aten.mm, _aten.addmm, _aten.bmm, _aten.baddbmm}
)


def count_params(module: nn.Module) -> int:
    """Learnable parameters (BN running statistics are buffers and do not count)."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def _device_of(module: nn.Module) -> torch.device:
    for tensor in (*module.parameters(), *module.buffers()):
        return tensor.device
    return torch.device("cpu")


class _EvalMode:
    """Run in eval() (the inference graph: no auxiliary heads, no dropout), then restore."""

    def __init__(self, module: nn.Module) -> None:
        self.module = module
        self.modes = [m.training for m in module.modules()]

    def __enter__(self) -> nn.Module:
        return self.module.eval()

    def __exit__(self, *exc) -> None:
        for m, training in zip(self.module.modules(), self.modes):
            m.training = training


def _example_input(module: nn.Module, input_shape: Sequence[int]) -> torch.Tensor:
    return torch.zeros(tuple(input_shape), device=_device_of(module))


def count_macs(module: nn.Module, input_shape: Sequence[int]) -> int:
    """Multiply-accumulates of one eval-mode forward pass on an input of ``input_shape``.

    ``input_shape`` is the full input shape, batch included, e.g. ``(1, 3, 224, 224)``.
    MACs are ``torch.utils.flop_counter`` FLOPs / 2 over conv and linear/matmul ops.
    """
    return macs_and_output(module, input_shape)[0]


def macs_and_output(module: nn.Module, input_shape: Sequence[int]) -> tuple[int, torch.Tensor]:
    """:func:`count_macs` and the forward's output together: one pass where a table needs both
    (on ``meta`` a 1000-layer network's forward costs seconds of dispatch)."""
    with _EvalMode(module), torch.no_grad(), FlopCounterMode(display=False) as counter:
        output = module(_example_input(module, input_shape))
    flops = counter.get_flop_counts().get("Global", {})
    return sum(n for op, n in flops.items() if op in _MAC_OPS) // 2, output


def feature_shapes(
    module: nn.Module, input_shape: Sequence[int], names: Iterable[str]
) -> dict[str, tuple[int, ...]]:
    """Output shape of each named submodule (``module.get_submodule(name)``) in one eval forward.

    A submodule that does not run in eval mode (an auxiliary head, say) is absent from the result.
    """
    shapes: dict[str, tuple[int, ...]] = {}

    def recorder(name: str):
        def hook(_module, _inputs, output):
            shapes[name] = tuple(output.shape)

        return hook

    handles = [module.get_submodule(n).register_forward_hook(recorder(n)) for n in names]
    try:
        with _EvalMode(module), torch.no_grad():
            module(_example_input(module, input_shape))
    finally:
        for handle in handles:
            handle.remove()
    return shapes
