"""A network's parameter count, part by part: where a wrong total comes from.

The two sides need not be named or nested alike (``layer1.0.conv1`` against ``stages.0.0.conv``),
so they are lined up by the counts themselves: walking both parameter lists from the front, every
running total the two share closes a part that agrees; walking from the back does the same for the
tail. What lies between the last agreeing part from the front and the first from the back is where
the counts differ, named by each side's own module names: "expected layer2, layer3, layer4:
20,000,000; yours stages.1, stages.2, stages.3: 19,000,000".
"""
from __future__ import annotations

import numpy as np


def table(reference, submission) -> str:
    """``reference``, ``submission``: (parameter name, shape) pairs in registration order."""
    ours = [(name, int(np.prod(shape))) for name, shape in reference]
    theirs = [(name, int(np.prod(shape))) for name, shape in submission]
    head = _agreeing(ours, theirs)
    tail = _agreeing(ours[::-1], theirs[::-1])
    rows = [(_names(ours[a:b]), total, _names(theirs[c:d]), total) for (a, b, c, d, total) in head]
    a, c = (head[-1][1], head[-1][3]) if head else (0, 0)
    b, d = (len(ours) - tail[-1][1], len(theirs) - tail[-1][3]) if tail else (len(ours), len(theirs))
    b, d = max(a, b), max(c, d)
    differ = (_names(ours[a:b]), sum(n for _, n in ours[a:b]), _names(theirs[c:d]), sum(n for _, n in theirs[c:d]))
    ends = [(_names(ours[len(ours) - y:len(ours) - x]), total, _names(theirs[len(theirs) - w:len(theirs) - v]), total)
            for (x, y, v, w, total) in reversed(tail)]
    width = max(len(row[0]) for row in rows + [differ] + ends)
    lines = [f"  {'expected':<{width + 13}}yours"]
    for row in rows + [differ] + ends:
        mark = "  ← differs" if row is differ else ""
        lines.append(f"  {row[0]:<{width}} {row[1]:>11,}  {row[2]} {row[3]:,}{mark}")
    return "\n".join(lines)


def _agreeing(ours, theirs) -> list[tuple[int, int, int, int, int]]:
    """Parts that agree from the start: (our start, our stop, their start, their stop, count), each
    closed by a running total both sides reach, up to the first part that does not agree."""
    parts = []
    i = j = start_i = start_j = total_i = total_j = done = 0
    while True:
        if total_i <= total_j and i < len(ours):
            total_i, i = total_i + ours[i][1], i + 1
        elif j < len(theirs):
            total_j, j = total_j + theirs[j][1], j + 1
        else:
            break
        if total_i == total_j:
            if not _same_part(ours[start_i:i], theirs[start_j:j]):
                break
            parts.append((start_i, i, start_j, j, total_i - done))
            done, start_i, start_j = total_i, i, j
    return _merged(parts, ours)


def _same_part(ours, theirs) -> bool:
    """A run agrees when its tensors' counts agree one by one (the same layers, however named)."""
    return sorted(n for _, n in ours) == sorted(n for _, n in theirs)


def _merged(parts, ours):
    """Consecutive agreeing runs of one module (by the reference's names) shown as one row."""
    merged: list[list] = []
    for a, b, c, d, total in parts:
        if merged and _module(ours[a][0]) == _module(ours[merged[-1][0]][0]):
            merged[-1][1], merged[-1][3], merged[-1][4] = b, d, merged[-1][4] + total
        else:
            merged.append([a, b, c, d, total])
    return [tuple(part) for part in merged]


def _module(name: str) -> str:
    return name.split(".")[0]


def _names(run) -> str:
    """The modules a run of parameters belongs to: the top-level names, or the second level where
    one top-level module holds the whole run (``stages.1, stages.2``)."""
    if not run:
        return "(nothing)"
    for depth in (1, 2):
        names = list(dict.fromkeys(".".join(name.split(".")[:depth]) for name, _ in run))
        if len(names) > 1 or depth == 2:
            return ", ".join(names) if len(names) <= 5 else f"{names[0]} … {names[-1]} ({len(names)} modules)"
    return ""
