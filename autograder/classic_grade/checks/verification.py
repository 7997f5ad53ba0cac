"""What a check's verdict rests on (each declares it where it registers, checks/registry.py), and
so when its pass may be credited.

A check is one of three kinds:

- ``function``: it compares what the submission computes with what the reference computes, on
  inputs and weights the grader drew (``same_function``, ``gradients``), or what a counting
  function returns with the grader's own arguments. Its verdict stands on its own.
- ``premised``: it measures a figure or a property that a module unrelated to the task can also
  have. An all-zero module of the right shape has the right parameter count, MACs and output
  shape, is pixel-local, block-diagonal, deterministic and free of forbidden calls; and the figures
  are computed in the student's process, which may report whatever it likes. Such a pass is
  credited only when the task's premise (below) passed: once the submission is verified to compute
  the reference's function with its parameters, the figure is evidence about that function.
- A premised check that *fails* keeps its own verdict and message: a wrong figure is wrong.

The premise of every module and network task is ``same_function`` (the transplant comparison, in
eval and train mode). It is run even when it is not graded (public-only grading of a network whose
comparison is hidden), without being reported.
"""
from __future__ import annotations

from ..messages import Message, msg
from . import registry
from .registry import FUNCTION, PREMISED

# Each check declares its kind (``evidence``) where it is registered (checks/registry.py).

# Task kind -> the check whose pass verifies the task's function.
PREMISE_BY_KIND = {"module": "same_function", "network": "same_function", "network_family": "same_function",
                   "tensor_function": "same_function"}


def basis(check_id: str) -> str:
    """The kind of a check; a check not in the table is a grader bug, not a free pass."""
    try:
        return registry.definition(check_id).evidence
    except KeyError:
        raise KeyError(f"check {check_id!r} does not declare what its verdict rests on (checks/registry.py)") \
            from None


def premise_of(kind: str) -> str | None:
    return PREMISE_BY_KIND.get(kind)


def unverified_message(check_id: str, unmappable: bool) -> Message:
    what = msg("figure") if registry.definition(check_id).figure else msg("property")
    if unmappable:
        return msg("not credited: the same-function comparison could not be carried out (the submission's "
                   "tensors could not be matched with the reference's), so this {what} could not be verified",
                   what=what)
    return msg("not credited: the same-function comparison did not pass, so this {what} could not be verified",
               what=what)
