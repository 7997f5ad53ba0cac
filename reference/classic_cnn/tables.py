"""Per-layer tables: what each layer of a network outputs, holds and costs, in one eval forward.

A *row* is a block, not every leaf: plain containers (``nn.Sequential``, ``nn.ModuleList``,
``nn.ModuleDict``) are looked through, anything else (a conv, an Inception block, a residual block,
a subclass of ``nn.Sequential`` with a name of its own) is one row. That gives VGG's table layer by
layer and GoogLeNet's Table 1 block by block from the same rule. Rows that hold no parameters,
cost no multiply-accumulates and keep the number of elements (ReLU, dropout, flatten, LRN, a pool
that is an identity at this size) are left out, as the papers' tables leave them out.

Like :mod:`classic_cnn.counting`, this runs on the module's device: build on ``meta`` for big nets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterator, Sequence

import torch
import torch.nn as nn
from torch.utils.flop_counter import FlopCounterMode

from .counting import _MAC_OPS, _EvalMode, _example_input

__all__ = ["LayerRow", "table_rows", "layer_table"]

_TRANSPARENT = (nn.Sequential, nn.ModuleList, nn.ModuleDict)


@dataclass(frozen=True)
class LayerRow:
    """One row of a per-layer table; counts are per example (batch 1)."""

    name: str  # qualified submodule name, or "input"
    kind: str  # the module's class name
    output_shape: tuple[int, ...]  # without the batch axis: (C, H, W) or (features,)
    activations: int  # elements of the output
    weights: int  # parameters other than biases (BN's scale counts here)
    biases: int  # parameters named "bias"
    macs: int  # conv and linear multiply-accumulates

    @property
    def params(self) -> int:
        return self.weights + self.biases

    def as_dict(self) -> dict:
        return {**asdict(self), "output_shape": list(self.output_shape), "params": self.params}


def table_rows(module: nn.Module, prefix: str = "") -> Iterator[tuple[str, nn.Module]]:
    """The (name, module) pairs that are rows: children, looking through plain containers."""
    for name, child in module.named_children():
        qualified = f"{prefix}{name}"
        if type(child) in _TRANSPARENT:
            yield from table_rows(child, f"{qualified}.")
        else:
            yield qualified, child


def _split_params(module: nn.Module) -> tuple[int, int]:
    weights = biases = 0
    for name, parameter in module.named_parameters():
        if not parameter.requires_grad:
            continue
        if name.rsplit(".", 1)[-1] == "bias":
            biases += parameter.numel()
        else:
            weights += parameter.numel()
    return weights, biases


def layer_table(module: nn.Module, input_shape: Sequence[int]) -> list[LayerRow]:
    """The rows that run in one eval forward on ``input_shape`` (batch included), in execution order.

    The first row is the input. Rows that do not run in eval mode (auxiliary heads) are absent.
    """
    if input_shape[0] != 1:
        raise ValueError(f"per-layer tables count one example: use a batch of 1, got {tuple(input_shape)}")
    seen: list[tuple[str, nn.Module, int, tuple[int, ...]]] = []

    def recorder(name: str, row: nn.Module):
        def hook(_module, inputs, output):
            if isinstance(output, torch.Tensor):
                in_numel = sum(t.numel() for t in inputs if isinstance(t, torch.Tensor))
                seen.append((name, row, in_numel, tuple(output.shape[1:])))

        return hook

    rows = list(table_rows(module))
    handles = [row.register_forward_hook(recorder(name, row)) for name, row in rows]
    try:
        with _EvalMode(module), torch.no_grad(), FlopCounterMode(display=False) as counter:
            module(_example_input(module, input_shape))
    finally:
        for handle in handles:
            handle.remove()

    flops = counter.get_flop_counts()
    root = type(module).__name__
    table = [LayerRow("input", "input", tuple(input_shape[1:]), _numel(input_shape[1:]), 0, 0, 0)]
    for name, row, in_numel, shape in seen:
        weights, biases = _split_params(row)
        macs = sum(n for op, n in flops.get(f"{root}.{name}", {}).items() if op in _MAC_OPS) // 2
        if weights + biases == 0 and macs == 0 and _numel(shape) == in_numel:
            continue
        table.append(LayerRow(name, type(row).__name__, shape, _numel(shape), weights, biases, macs))
    return table


def _numel(shape: Sequence[int]) -> int:
    count = 1
    for size in shape:
        count *= int(size)
    return count
