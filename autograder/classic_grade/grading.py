"""Grading one submission: every task in its own worker, every check scored on its own.

The order of work is fixed (rubric order), every drawn value is seeded from the task, the check and
the configuration, and hypothesis is derandomized, so a submission gets the same report every run.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from . import loading, rubric as rubrics
from .checks import attention, dense, families, functions, grouped, modules, networks, residual
from .checks.context import TaskContext
from .checks.outcome import CheckFailed, CheckResult, NoMapping
from .sandbox import Limits, WorkerLost, Zygote
from .sandbox.pool import SANDBOXED
from .tasks import forbidden_names, specs as task_specs
from .tasks.spec import examples_for

# Every module check in one table: the generic ones, then each assignment family's own
# (residual: day20, grouped: day21, attention: day22, dense: day23); a task's spec names the ones it
# runs. A "tensor_function" is a task that maps tensors to a tensor (day23's channel_shuffle).
CHECKS_BY_KIND = {"module": {**modules.CHECKS, **residual.CHECKS, **grouped.CHECKS, **attention.CHECKS,
                             **dense.MODULE_CHECKS},
                  "function": functions.CHECKS, "network": networks.CHECKS, "network_family": families.CHECKS,
                  "tensor_function": dense.TENSOR_FUNCTION_CHECKS}
HIDDEN_MESSAGE = "hidden check: details are not shown"


@dataclass
class TaskResult:
    name: str
    checks: list[CheckResult]
    elapsed_s: float = 0.0
    examples: int = 0
    workers: int = 0
    printed: str = ""

    @property
    def score(self) -> float:
        return sum(c.score for c in self.checks)

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.checks)


@dataclass
class Report:
    assignment: str
    submission: str
    sha256: str
    tasks: list[TaskResult]
    elapsed_s: float
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    environment: dict = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tasks)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tasks)


def resolve_device(device: str) -> str:
    if device == "auto":
        import torch
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda"):
        import torch
        if not torch.cuda.is_available():
            raise RuntimeError("--device cuda was asked for, but no CUDA device is available")
    return device


class Grader:
    """Owns the zygote for a grading run, so torch's import is paid once for many submissions."""

    def __init__(self, device: str = "auto", limits: Limits | None = None, zygote: Zygote | None = None):
        self.zygote = zygote or Zygote()  # first: its torch import overlaps with ours
        try:
            self.device = resolve_device(device)
        except RuntimeError:
            self.zygote.close()
            raise
        self.limits = limits or Limits()

    def close(self) -> None:
        self.zygote.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def grade(self, path, assignment: str, visibility: str = "public", tasks: list[str] | None = None,
              reveal_hidden: bool = False) -> Report:
        started = time.perf_counter()
        rubric = rubrics.load(assignment)
        submission = path if isinstance(path, loading.Submission) else loading.load(path)
        specs = task_specs(assignment)
        results = []
        errors: list[str] = []
        for task in rubric.tasks:
            if tasks and task.name not in tasks:
                continue
            checks = [c for c in task.checks if visibility == "all" or c.visibility == visibility]
            if checks:
                results.append(self._grade_task(submission, task, checks, specs[task.name], errors, reveal_hidden,
                                                assignment))
        sandbox = self.zygote.description(self.limits)
        environment = {"device": self.device, "torch": self.zygote.torch_version, "sandbox": sandbox,
                       "visibility": visibility}
        notes = list(submission.notes)
        if sandbox["backend"] not in SANDBOXED:
            notes.insert(0, sandbox.get("warning", "UNSANDBOXED"))
        if submission.error:
            notes.insert(0, submission.error)
        return Report(assignment, str(submission.path), submission.sha256, results,
                      round(time.perf_counter() - started, 3), notes, errors, environment)

    def _grade_task(self, submission, task, checks, spec, errors, reveal_hidden, assignment) -> TaskResult:
        started = time.perf_counter()
        result = TaskResult(task.name, [])
        if submission.error:
            for check in checks:
                result.checks.append(CheckResult(check.id, check.name, check.points, check.visibility, False,
                                                 f"not graded: {submission.error}"))
            return result
        ctx = TaskContext(self.zygote, submission.source, submission.filename, task.name, self.device, self.limits,
                          assignment, forbidden_names(assignment))
        implementations = CHECKS_BY_KIND[spec.kind]
        try:
            for check in checks:
                if time.perf_counter() - started > self.limits.task_seconds:
                    outcome = CheckResult(check.id, check.name, check.points, check.visibility, False,
                                          f"not run: the task used up its {self.limits.task_seconds:g} s budget")
                else:
                    outcome, examples = self._run_check(ctx, spec, check, implementations[check.id], errors)
                    result.examples += examples
                if check.visibility == "hidden" and not reveal_hidden and not outcome.passed:
                    outcome.message, outcome.example = HIDDEN_MESSAGE, None
                result.checks.append(outcome)
        finally:
            ctx.close()
        _resolve_deferred(result.checks)
        _credit_properties_only_with_the_right_shape(result.checks, reveal_hidden)
        result.elapsed_s = round(time.perf_counter() - started, 3)
        result.workers = ctx.workers_started
        result.printed = ctx.printed
        return result

    def _run_check(self, ctx, spec, check, implementation, errors):
        def verdict(passed, message="", example=None, deferred=False):
            return CheckResult(check.id, check.name, check.points, check.visibility, passed, message, example,
                               deferred)

        hint = spec.hints.get(check.id, "")
        try:
            examples = implementation(ctx, spec, examples_for(spec, check.id))
            return verdict(True), examples
        except CheckFailed as failure:
            example = f"\nSmallest failing case: {_describe(failure.example)}" if failure.example else ""
            return verdict(False, failure.message + example + (f"\nHint: {hint}" if hint else ""),
                           failure.example), 0
        except NoMapping as reason:
            return verdict(False, f"no one-to-one mapping onto the reference's parameters ({reason}); graded "
                                  "by the task's mapping-free checks", deferred=True), 0
        except WorkerLost as lost:
            return verdict(False, f"{lost.cause}: {lost.detail}"), 0
        except Exception as error:  # noqa: BLE001 - a grader bug must not cost other tasks
            errors.append(f"{ctx.task}/{check.id}: internal error {type(error).__name__}: {error}")
            return verdict(False, f"the grader failed on this check ({type(error).__name__}); reported as an error"), 0


def _resolve_deferred(checks: list[CheckResult]) -> None:
    """An unmappable but otherwise sound layout is not failed for its layout: deferred checks pass
    exactly when every mapping-free check of the task passed."""
    others = [c for c in checks if not c.deferred and c.id not in modules.MAPPING_CHECKS]
    sound = bool(others) and all(c.passed for c in others)
    for check in checks:
        if check.deferred:
            check.passed = sound


# Properties that a module with no relation to the task can have: a constant zero output is
# pixel-local, block-diagonal, deterministic and free of forbidden calls. They say something about
# a submission only once its output has the task's shape.
SHAPE_DEPENDENT_PROPERTIES = {"hygiene", "pixel_locality", "receptive_field", "group_block_diagonal",
                              "channel_neighbourhood", "forbidden_api", "per_sample_gate", "mean_squeeze",
                              "channel_scaling"} | dense.SHAPE_DEPENDENT


def _credit_properties_only_with_the_right_shape(checks: list[CheckResult], reveal_hidden: bool) -> None:
    shape = next((c for c in checks if c.id == "output_shape"), None)
    if shape is None or shape.passed:
        return
    for check in checks:
        if check.id in SHAPE_DEPENDENT_PROPERTIES and check.passed:
            check.passed = False
            check.message = ("not credited: the output has the wrong shape (see the output-shape check), and this "
                             "property holds trivially for outputs unrelated to the task")
            if check.visibility == "hidden" and not reveal_hidden:
                check.message = HIDDEN_MESSAGE


def _describe(example) -> str:
    if not isinstance(example, dict):
        return repr(example)
    if "args" in example:
        args = ", ".join(repr(a) for a in example["args"])
        kwargs = "".join(f", {k}={v!r}" for k, v in example.get("kwargs", {}).items())
        shape = ""
        if "height" in example:
            shape = (f" on an input of shape ({example['batch']}, {example['in_channels']}, "
                     f"{example['height']}, {example['width']})")
        return f"({args}{kwargs}){shape}"
    return ", ".join(f"{k}={v!r}" for k, v in example.items())


def grade(path, assignment: str, visibility: str = "public", device: str = "auto", zygote: Zygote | None = None,
          **kwargs) -> Report:
    """Grade one submission with a zygote of its own (for many submissions, keep a Grader)."""
    with Grader(device, zygote=zygote) as grader:
        return grader.grade(path, assignment, visibility, **kwargs)
