"""Grading one submission: every task in its own worker, every check scored on its own.

The order of work is fixed (rubric order), every drawn value is seeded from the task, the check and
the configuration, and hypothesis is derandomized, so a submission gets the same report every run.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from . import diagnosis, hints, loading, rubric as rubrics
from .checks import (attention, dense, families, functions, grouped, modules, networks, residual, shrinking,
                     static_scan, verification)
from .checks.context import TaskContext
from .checks.outcome import CheckFailed, CheckResult, NoMapping, NotImplementedYet
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
    # Seconds spent searching a meaningful smallest case (checks/shrinking.py): not counted against
    # the task's budget, so that a better message never costs a later check its run.
    diagnosis_s: float = 0.0

    @property
    def score(self) -> float:
        return sum(c.score for c in self.checks)

    @property
    def max_score(self) -> float:
        return sum(c.points for c in self.checks)

    @property
    def needs_review(self) -> bool:
        """Some check could not be carried out: an instructor should look (nbgrader's needs_manual_grade)."""
        return any(c.needs_review for c in self.checks)


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

    @property
    def needs_review(self) -> list[str]:
        """The tasks flagged for an instructor's review, in rubric order."""
        return [t.name for t in self.tasks if t.needs_review]


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
              reveal_hidden: bool = False, stop_at_first_failure: bool = False) -> Report:
        """``stop_at_first_failure`` is for the test suite's known-wrong corpus, which only needs to
        see a task lose points: the checks after a task's first failure are not run (and not
        credited). It is never used on a student's submission, and the CLI has no way to ask for it."""
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
                                                assignment, stop_at_first_failure))
        sandbox = self.zygote.description(self.limits)
        environment = {"device": self.device, "torch": self.zygote.torch_version, "sandbox": sandbox,
                       "visibility": visibility}
        notes = submission.report_notes()   # the loader's, then what the cells did when replayed
        if sandbox["backend"] not in SANDBOXED:
            notes.insert(0, sandbox.get("warning", "UNSANDBOXED"))
        if submission.error:
            notes.insert(0, submission.error)
        return Report(assignment, str(submission.path), submission.sha256, results,
                      round(time.perf_counter() - started, 3), notes, errors, environment)

    def _grade_task(self, submission, task, checks, spec, errors, reveal_hidden, assignment,
                    stop_at_first_failure=False) -> TaskResult:
        started = time.perf_counter()
        result = TaskResult(task.name, [])
        if submission.error:
            for check in checks:
                result.checks.append(CheckResult(check.id, check.name, check.points, check.visibility, False,
                                                 f"not graded: {submission.error}"))
            return result
        ctx = TaskContext(self.zygote, submission, task.name, self.device, self.limits, assignment,
                          forbidden_names(assignment))
        implementations = CHECKS_BY_KIND[spec.kind]
        premise = _premise_to_run(task, checks, spec.kind)
        premise_outcome = None
        stopped = False
        try:
            if premise is not None:  # not graded itself: run first, reported only through what it credits
                premise_outcome = self._timed_check(ctx, spec, premise, implementations, errors, started, result)
            for check in checks:
                if stopped:
                    outcome = CheckResult(check.id, check.name, check.points, check.visibility, False,
                                          "not run: grading stopped at this task's first failing check")
                else:
                    outcome = self._timed_check(ctx, spec, check, implementations, errors, started, result)
                    stopped = stop_at_first_failure and not outcome.passed
                if premise_outcome is None and check.id == verification.premise_of(spec.kind):
                    premise_outcome = outcome
                result.checks.append(outcome)
        finally:
            ctx.close()
        _diagnose(result.checks, reveal_hidden)
        _credit_only_verified(result.checks, premise_outcome)
        _refuse_reexecution(result.checks, submission.source, task.name, ctx.forbidden, reveal_hidden)
        for outcome in result.checks:
            if outcome.visibility == "hidden" and not reveal_hidden and not outcome.passed:
                outcome.message, outcome.example, outcome.same_cause_as = HIDDEN_MESSAGE, None, None
        result.elapsed_s = round(time.perf_counter() - started, 3)
        result.workers = ctx.workers_started
        result.printed = ctx.printed
        return result

    def _timed_check(self, ctx, spec, check, implementations, errors, started, result) -> CheckResult:
        if time.perf_counter() - started - result.diagnosis_s > self.limits.task_seconds:
            return CheckResult(check.id, check.name, check.points, check.visibility, False,
                               f"not run: the task used up its {self.limits.task_seconds:g} s budget")
        outcome, examples = self._run_check(ctx, spec, check, implementations[check.id], errors, result)
        result.examples += examples
        return outcome

    def _run_check(self, ctx, spec, check, implementation, errors, result):
        def verdict(passed, message="", example=None, needs_review=False):
            return CheckResult(check.id, check.name, check.points, check.visibility, passed, message, example,
                               needs_review)

        try:
            examples = implementation(ctx, spec, examples_for(spec, check.id))
            return verdict(True), examples
        except NotImplementedYet as failure:
            return verdict(False, failure.message), 0
        except CheckFailed as failure:
            # A case below the task's receptive field can fail for a reason of its own (a kernel
            # larger than the input): look for the smallest one that still means something.
            if shrinking.below_field(spec, failure):
                searching = time.perf_counter()
                failure = shrinking.meaningful(ctx, spec, check.id, implementation, failure)
                result.diagnosis_s += time.perf_counter() - searching
                ctx.close()  # the next check gets a fresh worker: the search aged this one, whose life is bounded
            signature = rubrics.load(ctx.assignment).task(ctx.task).signature if ctx.assignment else ctx.task
            example = f"\nSmallest failing case: {shrinking.describe(signature, failure.example)}" \
                if failure.example else ""
            hint = hints.hint_for(ctx.assignment, ctx.task, check.id, failure.message, strided="stride" in signature)
            outcome = verdict(False, failure.message + example + (f"\nHint: {hint}" if hint else ""), failure.example)
            outcome.finding = failure.message
            return outcome, 0
        except NoMapping as reason:
            # The reason names the student's own tensor that has no counterpart, in their words.
            return verdict(False, f"not verified: {reason}; so the grader could not load the reference's weights "
                                  "into your module and compare the two functions. Flagged for an instructor's "
                                  "review.", needs_review=True), 0
        except WorkerLost as lost:
            return verdict(False, f"{lost.cause}: {lost.detail}"), 0
        except Exception as error:  # noqa: BLE001 - a grader bug must not cost other tasks
            errors.append(f"{ctx.task}/{check.id}: internal error {type(error).__name__}: {error}")
            return verdict(False, f"the grader failed on this check ({type(error).__name__}); reported as an error"), 0


def _diagnose(checks: list[CheckResult], reveal_hidden: bool) -> None:
    """Failures a failed premise explains say so; the rest are said once per cause (only among the
    checks whose messages are shown: a hidden one cannot be the "above" a public one points at)."""
    # Kept as they are: a task not implemented yet (one line says it all), a check that did not run
    # (stopped, or out of the task's time), and an unmappable layout (its message names the student's
    # tensor that has no counterpart, which no premise says).
    diagnosis.follow_premises(checks, protected=lambda c: c.message.startswith(("not implemented yet", "not run"))
                              or c.needs_review)
    shown = [c for c in checks if c.visibility != "hidden" or reveal_hidden]
    causes = {c.id: diagnosis.cause_of(c.finding or c.message) for c in shown
              if not c.message.startswith(diagnosis.NOT_COMPARED.partition("«")[0])}
    diagnosis.one_message_per_cause(shown, causes)


def _premise_to_run(task, checks, kind):
    """The premise check, when the graded checks need it and do not include it themselves."""
    premise_id = verification.premise_of(kind)
    graded = {c.id for c in checks}
    if premise_id is None or premise_id in graded:
        return None
    if not any(verification.basis(c.id) == verification.PREMISED for c in checks):
        return None
    return next((c for c in task.checks if c.id == premise_id), None)


def _credit_only_verified(checks: list[CheckResult], premise: CheckResult | None) -> None:
    """A premised check's pass stands only on a passed premise; otherwise it fails, saying why, and
    inherits the premise's review flag (an unmappable layout may be right: an instructor decides)."""
    for check in checks:
        if verification.basis(check.id) != verification.PREMISED or not check.passed:
            continue
        if premise is not None and premise.passed:
            continue
        unmappable = premise is None or premise.needs_review
        check.passed = False
        check.message = verification.unverified_message(check.id, unmappable)
        check.needs_review = unmappable


def _refuse_reexecution(checks: list[CheckResult], source: str, task: str, forbidden, reveal_hidden: bool) -> None:
    """Where an assignment forbids library objects, a task whose code could re-import, reload,
    re-execute or dig up a library module (read from its source, never run) could have had them
    afresh, past the worker's stand-ins: none of its checks is credited, and the cause is named.
    The checks still ran, so the sandbox saw whatever the code did."""
    found = static_scan.reexecutions(source, task) if forbidden else []
    if not found:
        return
    message = ("forbidden import: the code could re-import or re-execute library modules, which would hand over "
               "objects this assignment forbids:\n  " + "\n  ".join(str(f) for f in found[:5]))
    for check in checks:
        check.passed, check.needs_review, check.same_cause_as = False, False, None
        check.message = HIDDEN_MESSAGE if check.visibility == "hidden" and not reveal_hidden else message


def grade(path, assignment: str, visibility: str = "public", device: str = "auto", zygote: Zygote | None = None,
          **kwargs) -> Report:
    """Grade one submission with a zygote of its own (for many submissions, keep a Grader)."""
    with Grader(device, zygote=zygote) as grader:
        return grader.grade(path, assignment, visibility, **kwargs)
