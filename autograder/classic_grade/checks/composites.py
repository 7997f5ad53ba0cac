"""One tensor that holds several of the other side's, concatenated or stacked along one of its axes.

Either side may be the whole: a submission's fused conv holds several reference convs (their
weights stacked along dim 0), a submission's one ``(groups, out/groups, in/groups, k, k)`` weight
holds the reference's per-group weights stacked on a new axis, and a reference's grouped conv
holds a submission's per-group convs (its weight is theirs concatenated along dim 0). Stacking on
a new axis is concatenation along an axis of size one per part, so one rule covers both: a *cut*
of a whole shape into part shapes is an axis and, per part, the range of that axis it occupies,
such that each slice has the part's dimensions of size > 1 in the same order (the size-1
allowance of one-to-one matching: values are reshaped; the comparison of outputs decides).

Targets (what a reference tensor maps to) for the value filling here:

- ``(name, start, stop)`` or ``(name, start, stop, axis)``: the reference tensor fills that slice
  of the submission's tensor ``name`` (along dim 0 in the three-item form);
- :class:`Split`: the reference tensor, cut along one of its own axes, fills several submission
  tensors whole.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def size_of(shape) -> int:
    size = 1
    for d in shape:
        size *= int(d)
    return size


def _dims(shape) -> tuple:
    """The dimensions of size > 1, in order: what a reshape keeps."""
    return tuple(int(d) for d in shape if d != 1)


def cuts(whole, parts) -> list[tuple[int, tuple]]:
    """Ways to read a tensor of shape ``whole`` as tensors of shapes ``parts``, in this order,
    concatenated or stacked along one axis: ``[(axis, ((start, stop), …)), …]``. Axes preceded only by
    size-1 dimensions all read the same elements (a flat concatenation), so only the first is kept,
    as for a single part."""
    whole, total = tuple(int(d) for d in whole), size_of(whole)
    if not parts or sum(size_of(p) for p in parts) != total or total == 0:
        return []
    found, flat_seen = [], False
    for axis, length in enumerate(whole):
        flat = size_of(whole[:axis]) == 1
        if length == 0 or (flat and flat_seen):
            continue
        inner = total // length
        bounds, start = [], 0
        for part in parts:
            span, left = divmod(size_of(part), inner)
            if left or span == 0 or _dims(whole[:axis] + (span,) + whole[axis + 1:]) != _dims(part):
                break
            bounds.append((start, start + span))
            start += span
        else:
            if start == length:
                found.append((axis, tuple(bounds)))
                flat_seen = flat_seen or flat
    return found[:1] if len(parts) == 1 else found  # one part is the whole, along any axis


def may_hold(whole, part) -> bool:
    """Whether some cut of ``whole`` has a slice shaped like ``part`` (a cheap filter before a search)."""
    total = size_of(whole)
    if total == 0:   # an empty tensor (a layer of zero units: C // r with C < r) holds no slice
        return False
    for axis, length in enumerate(whole):
        if length == 0:
            continue
        span, left = divmod(size_of(part), total // length)
        piece = tuple(whole[:axis]) + (span,) + tuple(whole[axis + 1:])
        if not left and 0 < span <= length and _dims(piece) == _dims(part):
            return True
    return False


@dataclass(frozen=True)
class Split:
    """A reference tensor cut along its own ``axis``: each ``(name, start, stop)`` range fills the
    submission's tensor ``name`` whole."""
    axis: int
    parts: tuple

    def names(self) -> tuple:
        return tuple(name for name, _, _ in self.parts)

    def prefixed(self, prefix: str) -> "Split":
        return Split(self.axis, tuple((f"{prefix}.{name}", start, stop) for name, start, stop in self.parts))


def slice_target(name: str, axis: int, start: int, stop: int) -> tuple:
    """The target of a reference tensor held in a slice of a submission tensor (the historic
    three-item form for dim 0)."""
    return (name, start, stop) if axis == 0 else (name, start, stop, axis)


def _slice_parts(target: tuple) -> tuple:
    name, start, stop, *rest = target
    return name, start, stop, (rest[0] if rest else 0)


def _along(axis: int, start: int, stop: int) -> tuple:
    return (slice(None),) * axis + (slice(start, stop),)


def fill(values: dict, target, value: np.ndarray, shapes: dict) -> bool:
    """Put one reference tensor's ``value`` where a composite ``target`` says, into ``values`` (the
    submission's tensors by name, shaped by ``shapes``). False when the target is not a composite."""
    if isinstance(target, Split):
        for name, start, stop in target.parts:
            values[name] = np.ascontiguousarray(value[_along(target.axis, start, stop)]).reshape(shapes[name])
        return True
    if isinstance(target, tuple):
        name, start, stop, axis = _slice_parts(target)
        whole = values.setdefault(name, np.zeros(shapes[name], np.float32))
        index = _along(axis, start, stop)
        whole[index] = value.reshape(whole[index].shape)
        return True
    return False


def gradient(got: dict, target, shape):
    """The submission's gradient for a reference tensor held by a composite ``target``, in the
    reference's ``shape`` (a Split's parts reshaped back to their slices and joined); None when a
    tensor it needs received none."""
    if isinstance(target, Split):
        pieces = []
        for name, start, stop in target.parts:
            grad = got.get("grad:" + name)
            if grad is None:
                return None
            piece_shape = list(shape)
            piece_shape[target.axis] = stop - start
            pieces.append(grad.reshape(piece_shape))
        return np.concatenate(pieces, axis=target.axis)
    name, start, stop, axis = _slice_parts(target)
    grad = got.get("grad:" + name)
    return None if grad is None else np.ascontiguousarray(grad[_along(axis, start, stop)]).reshape(shape)


def label(target) -> str:
    """How a report names where a reference tensor lives in the submission."""
    if isinstance(target, Split):
        return " + ".join(target.names())
    if isinstance(target, tuple):
        name, start, stop, axis = _slice_parts(target)
        return f"{name}[{':, ' * axis}{start}:{stop}]"
    return str(target)
