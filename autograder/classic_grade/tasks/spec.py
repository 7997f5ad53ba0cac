"""What the grader knows about a task: its reference, the configurations to draw, hints."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from hypothesis import strategies as st


@dataclass(frozen=True)
class ModuleSpec:
    reference: Callable
    configs: st.SearchStrategy            # dicts: args, kwargs, batch, in_channels, height, width
    examples: dict[str, int]              # hypothesis examples per check id
    hints: dict[str, str]
    receptive_radius: Callable | None = None
    depth: int = 2                        # layers in series, for the comparison tolerance
    kind: str = "module"


@dataclass(frozen=True)
class FunctionSpec:
    reference: Callable
    configs: st.SearchStrategy            # dicts: args, kwargs
    paper_examples: tuple                 # ((args, kwargs), ...)
    examples: dict[str, int]
    hints: dict[str, str]
    kind: str = "function"


@dataclass(frozen=True)
class NetworkSpec:
    reference: Callable
    input_size: tuple
    block_class: str
    block_names: tuple
    block_shapes: tuple
    class_counts: tuple
    reference_variants: tuple             # callables: reference module -> an accepted convention
    hints: dict[str, str]
    block_args: tuple = ()                # constructor arguments of each block, in forward order
    block_spec: "ModuleSpec | None" = None  # the block's own task, to map each block's tensors
    examples: dict[str, int] = field(default_factory=dict)
    depth: int = 24
    kind: str = "network"
    reference_block_class: str | None = None  # the reference's class for block_class, when named otherwise


def examples_for(spec, check_id: str) -> int:
    return spec.examples.get(check_id, spec.examples.get("default", 10))
