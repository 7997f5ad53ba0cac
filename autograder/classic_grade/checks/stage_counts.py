"""A network's parameter count, stage by stage: where a wrong total comes from.

The reference's and the submission's parameters are summed per top-level part (the first component
of each parameter's name: ``stem``, ``layer2``, ``fc`` …), each side in its own order and by its
own names, and shown side by side: the first row where the two differ is usually the stage whose
channels are wrong. The two sides need not be named alike, so the table only lines them up.
"""
from __future__ import annotations

import numpy as np


def per_part(named_shapes) -> list[tuple[str, int]]:
    """(part, parameter count) in order of first appearance; ``named_shapes``: (name, shape) pairs."""
    parts: dict[str, int] = {}
    for name, shape in named_shapes:
        part = name.split(".")[0]
        parts[part] = parts.get(part, 0) + int(np.prod(shape))
    return list(parts.items())


def table(reference, submission) -> str:
    """Expected-versus-yours rows; a row where the counts differ is marked."""
    rows = max(len(reference), len(submission))
    width = max([len(name) for name, _ in reference + submission] + [4])
    lines = [f"  {'expected':<{width + 13}}yours"]
    for index in range(rows):
        want = reference[index] if index < len(reference) else ("", None)
        have = submission[index] if index < len(submission) else ("", None)
        mark = "  ←" if want[1] != have[1] else ""
        lines.append(f"  {want[0]:<{width}} {_count(want[1]):>11}  {have[0]:<{width}} {_count(have[1]):>11}{mark}")
    return "\n".join(lines)


def _count(value) -> str:
    return "" if value is None else f"{value:,}"
