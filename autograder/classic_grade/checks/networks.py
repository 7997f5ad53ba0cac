"""Checks for whole networks: counts and per-block shapes (on the meta device, so no memory and no
time), and the same function as the reference at the canonical input size."""
from __future__ import annotations

import dataclasses

import numpy as np
import torch

from classic_cnn.counting import count_macs, count_params

from ..messages import Text, msg
from . import reference_cache, registry, stage_counts, transplant
from .modules import Transplant, build_submission, run_reference, run_submission
from .numeric import compare, draw_input, seed_for
from .outcome import CheckFailed, NoMapping, RaisedBySubmission
from .registry import PREMISED


# The class count the papers give a network's figures for: its MACs and block shapes are checked
# with this head; other class counts are checked for their output shape only.
PAPER_CLASSES = 1000


def _shapes(ctx, spec, num_classes):
    """Build the submission on the meta device (falling back to the CPU when its code cannot run
    there) and measure block shapes and output shape at the canonical input, and MACs where the
    head has the papers' class count (the only one check_macs reads). Once per configuration and
    task: block_shapes, output_shape and macs all read the same measurement."""
    key = ("shapes", repr(spec.args), num_classes, tuple(spec.input_size), spec.block_class)
    if key not in ctx.memo:
        ctx.memo[key] = _measure_shapes(ctx, spec, num_classes)
    return ctx.memo[key]


def _shapes_request(spec, macs: bool) -> dict:
    """The worker's shapes request for the built network at the canonical input (MACs only if asked)."""
    return {"op": "shapes", "input_shape": [1, *spec.input_size], "block_class": spec.block_class, "macs": macs}


def _measure_shapes(ctx, spec, num_classes):
    header = {"op": "build", "task": ctx.task, "args": list(spec.args), "kwargs": {"num_classes": num_classes},
              "input_shape": [1, *spec.input_size]}
    measure = _shapes_request(spec, macs=num_classes == PAPER_CLASSES)
    try:
        reply, _ = ctx.request(dict(header, meta=True))
        shapes, _ = ctx.request(measure)
    except CheckFailed:
        reply, _ = ctx.request(header, timeout=60)
        shapes, _ = ctx.request(measure, timeout=60)
    return reply, shapes


def _reference(spec, num_classes, meta=True):
    if meta:
        with torch.device("meta"):
            return spec.reference(*spec.args, num_classes=num_classes).eval()
    torch.manual_seed(0)
    return spec.reference(*spec.args, num_classes=num_classes).eval()


def _reference_count(spec, count, num_classes, *args) -> int:
    """``count`` of the network's reference (on meta), once per grading process."""
    return reference_cache.remembered((count.__name__, reference_cache.spec_key(spec), num_classes, args),
                                      lambda: count(_reference(spec, num_classes), *args))


def _call(ctx, spec, num_classes) -> str:
    return f"{ctx.task}({''.join(f'{a!r}, ' for a in spec.args)}num_classes={num_classes})"


@registry.implements("parameter_count", kind="network")
def check_parameter_count(ctx, spec, examples):
    for num_classes in spec.class_counts:
        expected = _reference_count(spec, count_params, num_classes)
        reply, _ = ctx.request({"op": "build", "task": ctx.task, "args": list(spec.args),
                                "kwargs": {"num_classes": num_classes},
                                "input_shape": [1, *spec.input_size], "meta": True})
        got = sum(int(np.prod(s)) for _, s, _ in reply["parameters"])
        if got != expected:
            reference = [(n, tuple(p.shape)) for n, p in _reference(spec, num_classes).named_parameters()]
            by_part = stage_counts.table(reference, [(n, tuple(s)) for n, s, _ in reply["parameters"]])
            raise CheckFailed(Text(msg("{call}: expected {expected:,} learnable parameters, got {got:,}; by part:",
                                       call=_call(ctx, spec, num_classes), expected=expected, got=got), "\n",
                                   by_part),
                              {"num_classes": num_classes})
    return len(spec.class_counts)


@registry.check("block_shapes", kind="network", title="per-block feature-map shapes", evidence=PREMISED, figure=True)
def check_block_shapes(ctx, spec, examples):
    _, shapes = _shapes(ctx, spec, PAPER_CLASSES)
    got = [tuple(s[1:]) for s in shapes["block_shapes"]]
    expected = [tuple(s) for s in spec.block_shapes]
    if got != expected:
        if not got:
            raise CheckFailed(msg("no {block} ran in the forward pass: build the network from your own {block}",
                                  block=spec.block_class))
        for index, (want, have) in enumerate(zip(expected, got)):
            if want != have:
                raise CheckFailed(msg("block {index} of {count} ({name}): expected C×H×W {expected}, got {got}",
                                      index=index + 1, count=len(expected), name=spec.block_names[index],
                                      expected=want, got=have))
        raise CheckFailed(msg("expected {expected} {block}s in the forward pass, saw {got}", expected=len(expected),
                              block=spec.block_class, got=len(got)))
    return 1


@registry.implements("output_shape", kind="network")
def check_output_shape(ctx, spec, examples):
    for num_classes in spec.class_counts:
        _, shapes = _shapes(ctx, spec, num_classes)
        if tuple(shapes["output_shape"]) != (1, num_classes):
            raise CheckFailed(msg("{call} on a 1×{size} input: expected output shape (1, {classes}), got {got}",
                                  call=_call(ctx, spec, num_classes), size="×".join(map(str, spec.input_size)),
                                  classes=num_classes, got=tuple(shapes["output_shape"])))
    return len(spec.class_counts)


@registry.implements("macs", kind="network")
def check_macs(ctx, spec, examples):
    expected = _reference_count(spec, count_macs, PAPER_CLASSES, (1, *spec.input_size))
    _, shapes = _shapes(ctx, spec, PAPER_CLASSES)
    if shapes["macs"] != expected:
        raise CheckFailed(msg("expected {expected:,} multiply–accumulates at {size}, got {got:,}", expected=expected,
                              size=spec.input_size, got=shapes["macs"]))
    return 1


class _BlockContext:
    """The network task's worker, asked to build the submission's own block (another task name)."""

    def __init__(self, ctx, task):
        self.ctx, self.task = ctx, task

    def request(self, *args, **kwargs):
        return self.ctx.request(*args, **kwargs)


def _blockwise_mapping(ctx, spec, trial, first):
    """Map each block on its own (the block task's candidate search, on a small input), then join
    the blocks' mappings under the network's prefixes. Block order is the forward order on both
    sides, so a block that computes its branches in another order still maps."""
    if spec.block_spec is None:
        return None
    ref_class = spec.reference_block_class or spec.block_class
    ref_blocks = [name for name, m in trial.shared_reference.named_modules() if type(m).__name__ == ref_class]
    shapes, _ = ctx.request(_shapes_request(spec, macs=False), timeout=60)
    sub_blocks = shapes.get("block_names", [])
    if len(ref_blocks) != len(spec.block_args) or len(sub_blocks) != len(ref_blocks):
        return None
    block_ctx = _BlockContext(ctx, spec.block_class)
    mapping = {ref: sub for ref, sub in first.items() if not any(ref.startswith(b + ".") for b in ref_blocks)}
    try:
        for ref_prefix, sub_prefix, args in zip(ref_blocks, sub_blocks, spec.block_args):
            config = {"args": list(args), "batch": 1, "in_channels": args[0], "height": 3, "width": 3}
            local = Transplant(block_ctx, spec.block_spec, config, "block mapping").find("eval")
            for ref_name, target in local.items():
                mapping[f"{ref_prefix}.{ref_name}"] = transplant.prefixed(target, sub_prefix)
    except (CheckFailed, NoMapping):
        return None
    finally:
        build_submission(ctx, trial.config)  # the block searches replaced the worker's network
    return mapping if set(mapping) == set(first) else None


# From this input size on, the mapping search traces a meta-device build instead of a real run:
# a GoogLeNet's traced run at 224x224 costs ~110 ms in the worker, its meta build and trace ~32 ms;
# a ResNet-50's at 32x32 costs ~17 ms, its meta trace ~45 ms (worker-side medians, Dec 2026).
META_TRACE_FROM_PIXELS = 112 * 112


@registry.implements("same_function", kind="network")
def check_same_function(ctx, spec, examples):
    """At the canonical input, eval mode (dropout off). Pooling conventions that give the same
    shapes but other windows (ceil_mode versus padding) are each tried as the reference. A network
    whose own code raises at a canonical input below the papers' (day20's 32x32) is compared at the
    papers' input instead: old torchvision's AvgPool2d(7) head is global pooling only at 224x224.
    Its verdict there stands, pass or fail."""
    try:
        return _same_function(ctx, spec)
    except RaisedBySubmission:
        papers = spec.papers_input_size
        if papers is None or tuple(papers) == tuple(spec.input_size):
            raise
    return _same_function(ctx, dataclasses.replace(spec, input_size=tuple(papers)))


def _same_function(ctx, spec):
    config = {"args": list(spec.args), "kwargs": {"num_classes": spec.class_counts[0]}, "batch": 1,
              "in_channels": spec.input_size[0], "height": spec.input_size[1], "width": spec.input_size[2]}
    trial = Transplant(ctx, spec, config, "same_function",
                       meta_trace=config["height"] * config["width"] >= META_TRACE_FROM_PIXELS)
    expected = [run_reference(trial.shared_reference, trial.values, trial.x, runnable=build, module_key=key)["output"]
                for key, build in _conventions(spec, trial)]

    def first_problem(mapping):
        _, got = run_submission(ctx, trial.mapped(mapping), trial.x, "eval")
        problems = [compare(want, got["output"], msg("output in {mode}() mode", mode="eval"), trial.fan_in, spec.depth)
                    for want in expected]
        if None not in problems:
            return problems[0]
        # Pooling averages away a difference near the input, and with it a wrong mapping of an
        # early block: the input's gradient, where the spec asks for it, sees both.
        return _input_gradient_problem(ctx, spec, trial, mapping) if spec.compare_input_gradient else None

    problem = first_problem(trial.first)
    if problem is not None and trial.confirm_on_cpu():
        problem = first_problem(trial.first)
    if problem is not None:
        blockwise = _blockwise_mapping(ctx, spec, trial, trial.first)
        if blockwise is not None and blockwise != trial.first and first_problem(blockwise) is None:
            return 1
        raise CheckFailed(problem)
    return 1


def _conventions(spec, trial) -> list:
    """Per accepted pooling convention: the key its reference runs are remembered by, and how to
    get its module when a run is not known yet (a fresh copy of the trial's reference, the
    convention applied to it). The keys depend on the spec and the configuration alone, so they
    are computed once per grading process: a batch's later students copy no network (a warm day20
    grading made four copies, 16-23 ms each for ResNet-18 and -50; day19 one GoogLeNet, 25 ms, every
    other grading) and describe none (``module_key`` walks the whole network)."""
    built = {}   # the modules made to compute the keys: each is handed to its convention's first run

    def keys():
        built.update((index, variant(trial.reference)) for index, variant in enumerate(spec.reference_variants))
        return tuple(reference_cache.module_key(built[index]) for index in range(len(spec.reference_variants)))

    def module(index):
        made = built.pop(index, None)
        return made if made is not None else spec.reference_variants[index](trial.reference)

    keys = reference_cache.remembered(
        ("convention keys", reference_cache.spec_key(spec), reference_cache.digest(trial.config)), keys)
    return [(key, lambda index=index: module(index)) for index, key in enumerate(keys)]


def _input_gradient_problem(ctx, spec, trial, mapping) -> str | None:
    """The input's gradient crosses every layer back to the stem, so a difference near the input
    that global pooling averages out of the output (a missing stem ReLU before a max pool, whose
    windows are rarely all negative) shows here. Any accepted convention may match."""
    grad_output = draw_input(np.random.default_rng(seed_for(ctx.task, "input gradient")), (1, spec.class_counts[0]))
    _, got = run_submission(ctx, trial.mapped(mapping), trial.x, "eval", grad_output, input_gradient_only=True)
    if "grad:input" not in got:
        return msg("no gradient reached the input image (is the output detached from it?)")
    if not hasattr(trial, "expected_input_gradients"):  # one reference backward per trial, not per mapping
        trial.expected_input_gradients = [
            run_reference(trial.shared_reference, trial.values, trial.x, "eval", grad_output, runnable=build,
                          module_key=key, input_gradient_only=True)["grad:input"]
            for key, build in _conventions(spec, trial)]
    problems = [compare(want, got["grad:input"], msg("gradient of the input image"), trial.fan_in, spec.depth)
                for want in trial.expected_input_gradients]
    return None if None in problems else msg("the outputs agree, but {problem}", problem=problems[0])

