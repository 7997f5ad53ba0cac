"""The order of diagnosis: which checks a check's verdict presupposes.

A check compares something that only means what it says once its premises hold: outputs can only
be compared once they have the right shape, gradients once the outputs agree. When a premise of a
failed check failed too, the check's own failure is a consequence, not news: the report says "not
compared: fix ⟨premise⟩ first" instead of repeating (or misattributing) the premise's failure.
Scores do not depend on premises: a failed check scores 0 whatever it says, and a passed one keeps
its pass.

Each check declares its premises where it is declared (``registry.check(..., premises=...)``):
outputs are compared element by element, which needs the output shape (a network's block shapes
too); gradients are compared only once the functions agree; figures and properties read off the
output need its shape; a counting function's drawn arguments presuppose the paper's own examples.
The parameter count comes before the mapping but is no premise: where the counts differ no mapping
exists, and that failure names the student's tensor without a counterpart itself (kept:
grading._diagnose); where a mapping was found, a differing output is news.

Only premises graded in the same task count (a task without an ``output_shape`` check simply has
no such premise). The order is transitive through ``root_premise``: gradients name the output
shape when that is what failed first.
"""
from __future__ import annotations

from . import registry


def premises_of(check_id: str) -> tuple[str, ...]:
    known = registry.definitions().get(check_id)
    return known.premises if known is not None else ()


def root_premise(check_id: str, failed: set[str], graded: set[str]) -> str | None:
    """The most fundamental failed premise of ``check_id`` among the task's graded checks, or None
    when every graded premise held. Only failed premises are followed: when the outputs agree, a
    gradient failure is news whatever the output shape check said."""
    seen: set[str] = {check_id}

    def walk(check: str) -> str | None:
        for premise in premises_of(check):
            if premise in seen or premise not in graded or premise not in failed:
                continue
            seen.add(premise)
            return walk(premise) or premise
        return None

    return walk(check_id)
