"""Checks for a hand-written grouped convolution (day21 ``GroupConv2d``): each output group reads
only its own input group, and the library's own grouped convolution is not what does the work.

Both are mapping-free: they run the submission with its own drawn weights. The configurations
carry ``groups`` and ``out_channels`` beside the usual keys (see tasks/day21.py).
"""
from __future__ import annotations

import numpy as np

from ..messages import Text, msg
from . import registry, static_scan
from .modules import _input_shape, build_submission, describe_submission, float_tensors, own_values, run_submission
from .numeric import draw_input, seed_for
from .outcome import CheckFailed
from .properties import for_all
from .registry import PREMISED

def _split(configs):
    """Only a configuration with two groups or more can show a group mixing with another."""
    return configs.filter(lambda config: config["groups"] >= 2)


@registry.check("group_block_diagonal", premises=("output_shape",), kind="module", evidence=PREMISED,
                title="output group g depends only on input group g")
def check_group_block_diagonal(ctx, spec, examples):
    """Perturb input group j (all its channels, every pixel): only output group j may change, and
    it must."""
    def body(config):
        rng = np.random.default_rng(seed_for(ctx.task, "group_block_diagonal", config))
        values = own_values(build_submission(ctx, config), rng)
        x = draw_input(rng, _input_shape(config))
        _, base = run_submission(ctx, values, x)
        groups, out_channels = config["groups"], config["out_channels"]
        if base["output"].ndim != 4 or base["output"].shape[1] != out_channels:
            raise CheckFailed(msg("expected {channels} output channels, got output shape {shape}",
                                  channels=out_channels, shape=base["output"].shape))
        width_in, width_out = config["in_channels"] // groups, out_channels // groups
        for group in range(groups):
            moved = x.copy()
            own = slice(group * width_in, (group + 1) * width_in)
            moved[:, own] = draw_input(rng, moved[:, own].shape)   # group j drawn afresh: an ordinary input
            _, after = run_submission(ctx, values, moved)
            changed = np.abs(after["output"] - base["output"]).sum(axis=(0, 2, 3)) > 0
            strays = [int(c) for c in np.flatnonzero(changed) if c // width_out != group]
            if strays:
                raise CheckFailed(msg(
                    "changing input group {group} (channels {first}–{last}) changed output channel {channel}, which "
                    "belongs to output group {other} (channels {own_first}–{own_last} are group {group}'s)",
                    group=group, first=own.start, last=own.stop - 1, channel=strays[0], other=strays[0] // width_out,
                    own_first=group * width_out, own_last=(group + 1) * width_out - 1))
            if not changed[group * width_out:(group + 1) * width_out].any():
                raise CheckFailed(msg("changing input group {group} (channels {first}–{last}) changed none of output "
                                      "group {group}'s channels", group=group, first=own.start, last=own.stop - 1))
    return for_all(_split(spec.configs), examples, body)


# -- the forbidden API --------------------------------------------------------------------------


@registry.check("forbidden_api", kind="module", evidence=PREMISED,
                title="grouping written by hand (no groups > 1 passed to torch)")
def check_forbidden_api(ctx, spec, examples):
    """The task must build grouping itself: no ``groups`` > 1 reaches torch. The worker records
    what torch was actually asked for, on the built modules and below autograd on every forward the
    grader runs (the same ordinary runs as every other check's, so nothing tells this check apart);
    the source is read here, never run, for code that could have switched that record off, lied to
    it or hidden a ``groups`` from it. ``groups=self.g`` that is 1 at run time is fine."""
    found = static_scan.evasions(ctx.source, ctx.task) + static_scan.hidden_groups(ctx.source, ctx.task)
    if found:
        raise CheckFailed(Text(msg("{task} uses code that the grader cannot follow, so it cannot verify that torch's "
                                   "own grouped convolution does not do the work:", task=ctx.task),
                               static_scan.listing(found)))

    def body(config):
        rng = np.random.default_rng(seed_for(ctx.task, "forbidden_api", config))
        description = describe_submission(ctx, config)
        if description.get("grouped_modules"):
            name, kind, groups = description["grouped_modules"][0]
            raise CheckFailed(msg("the built module contains {kind} {name!r} with groups={groups}: the grouping must "
                                  "be written by hand", kind=kind, name=name or "(the module itself)", groups=groups))
        values = own_values(float_tensors(description), rng)
        x = draw_input(rng, _input_shape(config))
        for mode in ("eval", "train"):
            reply, _ = run_submission(ctx, values, x, mode)
            if "grouped_calls" not in reply:   # a worker that did not record: nothing to credit
                raise RuntimeError("the task's worker does not record grouped convolutions")
            grouped = reply["grouped_calls"]
            if grouped:
                raise CheckFailed(msg("the forward pass in {mode}() mode ran {op} with groups={groups}: the grouping "
                                      "must be written by hand (split, convolve each slice, concatenate)", mode=mode,
                                      op=grouped[0]["op"], groups=grouped[0]["groups"]))
    return for_all(_split(spec.configs), examples, body)

