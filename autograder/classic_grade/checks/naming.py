"""Naming the mistake: does a submission that failed its function check compute exactly the function
of one of the task's known mistakes (``classic_grade.mistakes``)?

Each known mistake is tried as if it were the reference, by the same transplant comparison that
``same_function`` makes against the real one (``modules.Transplant``): the submission's tensors
mapped onto the mistake's, the mistake's drawn weights copied in, the outputs compared in eval()
and train() mode on the same drawn inputs. A mistake is named only when that holds for the
configuration on which the submission failed *and* for every one of a few drawn ones. The failing
configuration comes first for two reasons: it rejects most mistakes with one comparison, and it is
what keeps a correct submission from ever being named (on that configuration the submission differs
from the reference, so a mistake that agrees with the submission differs from the reference too).

Bounded: at most ``MAX_TRIED`` mistakes, ``DRAWS`` drawn configurations each, and ``SECONDS`` of
wall clock in all (whatever is left of the task's budget, if less). Only mistakes whose tensors hold
as many values as the submission's are tried (built here, the worker asked once for its tensors). The verdict never changes a
score; it only adds a line of feedback.
"""
from __future__ import annotations

import dataclasses
import time

import numpy as np
import torch

from .. import mistakes as library
from ..sandbox import WorkerLost
from . import transplant
from .modules import (Transplant, _input_shape, build_reference, build_submission, own_values, run_reference,
                      run_submission)
from .numeric import compare, draw_input, seed_for
from .outcome import CheckFailed, NoMapping
from .properties import for_all

MAX_TRIED = 16     # known mistakes tried per task
DRAWS = 3          # drawn configurations per mistake, besides the failing one
SECONDS = 30.0     # wall clock for all of a task's mistakes
NAMED_KINDS = ("module",)  # task kinds whose known mistakes are compared (mistakes/build.py)
CHECK_ID = "same_function"  # the draws (seeds) are the function check's own


def _size(shape) -> int:
    return int(np.prod(shape, dtype=np.int64))


class _OutOfTime(Exception):
    """The naming budget ran out in the middle of a mistake: undecided, so not named."""


def _raises(build) -> bool:
    try:
        build()
    except Exception:  # noqa: BLE001 - any error is the answer asked for
        return True
    return False


def _agrees(ctx, spec, config, deadline: float) -> bool | str:
    """The transplant comparison against ``spec``'s reference (a known mistake), eval and train.
    Where the mistake itself raises on ``config`` (a 5×5 conv without padding on a 3×3 input), it
    agrees when the submission raises too: "raised" is returned, and is not enough on its own."""
    if time.monotonic() > deadline:
        raise _OutOfTime
    rng = np.random.default_rng(seed_for(ctx.task, CHECK_ID, config))
    x = draw_input(rng, _input_shape(config))
    if _raises(lambda: build_reference(spec, config)(torch.from_numpy(x))):
        try:
            shapes = build_submission(ctx, config)
            run_submission(ctx, own_values(shapes, rng), x)
        except CheckFailed:
            return "raised"
        return False
    try:
        trial = Transplant(ctx, spec, config, CHECK_ID)
        mapping = trial.find("eval")
        expected = trial.expected("train")["output"]
        _, got = run_submission(ctx, trial.mapped(mapping), trial.x, "train")
    except (CheckFailed, NoMapping):
        return False
    except Exception:  # noqa: BLE001 - the mistake raised in train() mode (a BN on one value): not named
        return False
    return compare(expected, got["output"], "output in train() mode", trial.fan_in, spec.depth) is None


def computes(ctx, spec, mistake, failing_config: dict, deadline: float, failed_there: bool = True) -> bool:
    """Whether the submission computes exactly ``mistake``'s function: on the failing configuration
    and on DRAWS drawn ones, outputs compared on at least one of them (raising alike on every one
    proves nothing), and the submission differs from the task's reference on one of them, so that
    the mistake is not the reference's function on these draws. ``failed_there``: the function check
    failed on ``failing_config`` (the grader's case), which settles the last point without a
    comparison. _OutOfTime when the deadline passes before all that is decided."""
    as_reference = dataclasses.replace(spec, reference=mistake.reference())
    first = _agrees(ctx, as_reference, failing_config, deadline)
    if not first:
        return False
    verdicts = [(failing_config, first)]

    def body(config):
        # Never raising: hypothesis would shrink a failure, which costs comparisons and decides
        # nothing more. The draws left after a difference (or the deadline) are skipped.
        if all(verdict for _, verdict in verdicts):
            try:
                verdicts.append((config, _agrees(ctx, as_reference, config, deadline)))
            except _OutOfTime:
                verdicts.append((config, None))

    for_all(spec.configs, DRAWS, body)
    if any(verdict is None for _, verdict in verdicts):
        raise _OutOfTime
    if not all(verdict for _, verdict in verdicts) or not any(verdict is True for _, verdict in verdicts):
        return False
    return failed_there or any(_agrees(ctx, spec, config, deadline) is not True
                               for config, verdict in verdicts if verdict is True)


def _layout(shapes) -> tuple[int, list]:
    """How many float values the tensors hold (what a one-to-one mapping, fused tensors sliced,
    preserves) and their shapes as the transplant matches them, sorted (equal when no fusion is needed)."""
    return sum(_size(s) for s in shapes), sorted(transplant.match_key(s) for s in shapes)


def _mistake_layout(spec, mistake, config):
    """The layout of ``mistake`` built for ``config`` here; None when it cannot be built."""
    try:
        built = build_reference(dataclasses.replace(spec, reference=mistake.reference()), config)
    except Exception:  # noqa: BLE001 - a mistake that cannot be built for this configuration
        return None
    tensors = list(built.parameters()) + list(built.buffers())
    return _layout([tuple(t.shape) for t in tensors if t.is_floating_point()])


def name_the_mistake(ctx, spec, assignment: str, failing_config: dict, seconds: float = SECONDS,
                     failed_there: bool = True):
    """The first known mistake of the task whose function the submission computes, or None (also
    when the budget runs out or the worker is lost: undecided is not named). ``failed_there``: see
    ``computes`` (False only where a caller tries naming without a failure, as the benchmark does).

    A mistake whose tensors hold another number of values than the submission's on the failing
    configuration cannot be mapped onto it: it is passed over without asking the worker anything.
    Those whose tensors have the submission's very shapes are tried first (no fusion to search).
    Where the submission cannot even be built on that configuration, every mistake is tried."""
    deadline = time.monotonic() + seconds
    candidates = list(library.for_task(assignment, ctx.task))
    try:
        held, shapes = _layout(list(build_submission(ctx, failing_config).values()))
    except CheckFailed:
        pass   # it raised there (so may a mistake): every mistake is a candidate, in library order
    except WorkerLost:
        return None
    else:
        layouts = {m.id: _mistake_layout(spec, m, failing_config) for m in candidates}
        candidates = [m for m in candidates if layouts[m.id] and layouts[m.id][0] == held]
        candidates.sort(key=lambda m: layouts[m.id][1] != shapes)   # stable: library order within each part
    try:
        for mistake in candidates[:MAX_TRIED]:
            if computes(ctx, spec, mistake, failing_config, deadline, failed_there):
                return mistake
    except (_OutOfTime, WorkerLost):
        return None
    return None
