"""What the grader knows about a task: its reference and the configurations to draw (its hints are
chosen by what failed: classic_grade/hints.py)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from hypothesis import strategies as st


@dataclass(frozen=True)
class ModuleSpec:
    reference: Callable
    configs: st.SearchStrategy            # dicts: args, kwargs, batch, in_channels, height, width
    examples: dict[str, int]              # hypothesis examples per check id
    receptive_radius: Callable | None = None
    depth: int = 2                        # layers in series, for the comparison tolerance
    kind: str = "module"
    check_configs: dict = field(default_factory=dict)  # check id -> its own strategy (else configs)
    identity_path: "IdentityPath | None" = None          # residual blocks: the zeroed block's function


@dataclass(frozen=True)
class IdentityPath:
    """What a residual block computes when every parameter is zero (He et al. 2016: x_L = x_l + ΣF):
    the residual branch gives 0, so only the shortcut and what follows the addition remain.

    ``after_addition`` is "relu" (basic, bottleneck, SE and ResNeXt blocks: ReLU(x)) or "none"
    (pre-activation: x itself). ``shortcut_is_identity(config)`` says whether a configuration's
    shortcut must be the identity (stride 1 and unchanged channels), else a projection.
    """
    after_addition: str
    shortcut_is_identity: Callable[[dict], bool]


@dataclass(frozen=True)
class FunctionSpec:
    reference: Callable
    configs: st.SearchStrategy            # dicts: args, kwargs
    paper_examples: tuple                 # ((args, kwargs), ...)
    examples: dict[str, int]
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
    block_args: tuple = ()                # constructor arguments of each block, in forward order
    block_spec: "ModuleSpec | None" = None  # the block's own task, to map each block's tensors
    examples: dict[str, int] = field(default_factory=dict)
    depth: int = 24
    kind: str = "network"
    args: tuple = ()                      # positional constructor arguments (ResNet's depth)
    reference_block_class: str | None = None  # the reference's block class, where its name differs
    compare_input_gradient: bool = False  # same_function also compares the input image's gradient
    # Where same_function runs below the papers' input (day20's ResNets at 32x32), the papers' own:
    # a network written for it (AvgPool2d(7), a fixed-size view) may raise at the small one.
    papers_input_size: tuple | None = None


@dataclass(frozen=True)
class NetworkFamilySpec:
    """A network task whose constructor picks a member of a family (``ResNet(depth)``): each member
    is a NetworkSpec with its own ``args``, block class and shapes; ``runs`` says which members each
    check runs on (all of them where it does not say)."""
    members: dict                         # label -> NetworkSpec
    runs: dict                            # check id -> tuple of labels
    examples: dict[str, int] = field(default_factory=dict)
    kind: str = "network_family"


def examples_for(spec, check_id: str) -> int:
    return spec.examples.get(check_id, spec.examples.get("default", 10))
