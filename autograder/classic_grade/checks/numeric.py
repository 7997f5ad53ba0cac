"""Values the grader draws and the tolerances it compares with."""
from __future__ import annotations

import hashlib
import json
import math

import numpy as np

from ..messages import Message, Text, msg


def seed_for(*parts) -> int:
    """A stable seed from any JSON-able parts (Python's hash() is salted per process)."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")


def fan_in(shape) -> int:
    return int(np.prod(shape[1:])) if len(shape) > 1 else 1


def draw_kind(shape, name: str = "weight") -> str:
    """The distribution ``draw_parameter`` draws a tensor from: with the shape and the generator's
    state, all its values depend on."""
    if len(tuple(shape)) >= 2:
        return "fan-in normal"
    return "variance" if name.endswith("running_var") else "signed uniform"


def draw_parameter(rng: np.random.Generator, shape, kind: str = "weight") -> np.ndarray:
    """Weights scaled by fan-in so activations stay O(1); biases and 1-D tensors of both signs, so
    every ReLU sees values on both sides of zero."""
    shape = tuple(shape)
    which = draw_kind(shape, kind)
    if which == "fan-in normal":
        scale = math.sqrt(2.0 / max(fan_in(shape), 1))
        return (rng.standard_normal(shape) * scale).astype(np.float32)
    if which == "variance":
        return rng.uniform(0.5, 2.0, shape).astype(np.float32)
    return rng.uniform(-0.5, 0.5, shape).astype(np.float32)


def draw_buffer(rng: np.random.Generator, shape) -> np.ndarray:
    """A buffer whose role the grader cannot tell from its name (a student's ``var1``): running
    statistics of either kind, positive so that a variance stays a variance."""
    return rng.uniform(0.5, 2.0, tuple(shape)).astype(np.float32)


def draw_input(rng: np.random.Generator, shape) -> np.ndarray:
    return rng.standard_normal(tuple(shape)).astype(np.float32)


def compare(expected: np.ndarray, got: np.ndarray, what: str, fan_in_: int = 1, depth: int = 1) -> Message | None:
    """None when ``got`` matches ``expected`` within float32 rounding for this fan-in, otherwise a
    message naming the largest difference and where it is."""
    if tuple(got.shape) != tuple(expected.shape):
        return msg("{what}: expected shape {expected}, got {got}", what=what, expected=tuple(expected.shape),
                   got=tuple(got.shape))
    if not np.all(np.isfinite(got)):
        where = np.argwhere(~np.isfinite(got))[0]
        return msg("{what}: non-finite value {value} at index {index}", what=what, value=got[tuple(where)],
                   index=tuple(int(i) for i in where))
    if expected.size == 0:
        return None
    eps = float(np.finfo(np.float32).eps)
    scale = float(np.max(np.abs(expected))) or 1.0
    tolerance = 32 * eps * math.sqrt(max(fan_in_, 1)) * depth * scale
    difference = np.abs(got.astype(np.float64) - expected.astype(np.float64))
    worst = np.unravel_index(int(np.argmax(difference)), difference.shape)
    if difference[worst] <= tolerance:
        return None
    index = tuple(int(i) for i in worst)
    explained = explain(expected, got, tolerance) if str(what).startswith("output") else ""
    return Text(msg("{what}: largest difference {difference:.3g} at index {index} (expected {expected:.6g}, got "
                    "{got:.6g}; tolerance {tolerance:.2g})", what=what, difference=float(difference[worst]),
                    index=index, expected=float(expected[worst]), got=float(got[worst]), tolerance=tolerance),
                explained)


# What a wrong output resembles, in words the hints (classic_grade.hints) recognise in the English
# text (the messages below say the same, translatable).
SAME_CHANNELS_REORDERED = "your output holds the expected channels in another order"
RELU_OF_EXPECTED = "your output is the expected output with a ReLU applied"
EXPECTED_IS_RELU = "the expected output is yours with a ReLU applied"


def explain(expected: np.ndarray, got: np.ndarray, tolerance: float) -> Message | str:
    """A wrong output that is the right one reordered by channel, or with a ReLU too many or too few,
    said so ("" otherwise): causes a hint can name, where a largest difference cannot."""
    def close(a, b):
        return bool(np.all(np.abs(a.astype(np.float64) - b.astype(np.float64)) <= tolerance))

    if close(got, np.maximum(expected, 0)):
        return msg("; your output is the expected output with a ReLU applied")
    if close(np.maximum(got, 0), expected):
        return msg("; the expected output is yours with a ReLU applied")
    if expected.ndim < 2 or not 1 < expected.shape[1] <= 512:
        return ""
    unused = list(range(got.shape[1]))
    order = []
    for channel in range(expected.shape[1]):
        match = next((c for c in unused if close(got[:, c], expected[:, channel])), None)
        if match is None:
            return ""
        unused.remove(match)
        order.append(match)
    first = next(i for i, c in enumerate(order) if c != i)  # some differs: the outputs did not match
    return msg("; your output holds the expected channels in another order (the reference's channel {first} is "
               "your channel {yours})", first=first, yours=order[first])
