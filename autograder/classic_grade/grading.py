"""Grading one submission: every task in its own worker, every check scored on its own.

The order of work is fixed (rubric order), every drawn value is seeded from the task, the check and
the configuration, and hypothesis draws from one pinned seed (checks/properties.py), so a submission
gets the same report every run.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field

import torch

from . import diagnosis, hints, loading, rubric as rubrics
from .checks import naming, properties, registry, shrinking, static_scan, verification
from .checks.context import TaskContext
from .checks.outcome import CheckFailed, CheckResult, NoMapping, NotImplementedYet
from .messages import Text, msg
from .checks.replay import SubmissionReplay
from .sandbox import Limits, SpawnLost, WorkerLost, Zygote
from .sandbox.pool import SANDBOXED
from .tasks import forbidden_names, specs as task_specs
from .tasks.spec import examples_for

# Task kind -> check id -> implementation, from the check registry (checks/registry.py). A
# "tensor_function" is a task that maps tensors to a tensor (day23's channel_shuffle).
CHECKS_BY_KIND = registry.by_kind()
HIDDEN_MESSAGE = msg("hidden check: details are not shown")


@dataclass
class TaskResult:
    name: str
    checks: list[CheckResult]
    elapsed_s: float = 0.0
    examples: int = 0
    workers: int = 0
    printed: str = ""
    mistake: object = None  # the known mistake (mistakes.KnownMistake) whose function the task computes
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


def prepare(assignment: str | None = None) -> None:
    """The grading process's own first-use costs, paid while the zygote starts (call it between
    creating the zygote and waiting for it): torch's flop counter (lazy imports on first use, which
    every MACs check needs; torch's compiler kept out of them) and the assignment's rubric and task
    specs. Meta tensors compute nothing, so this takes no thread pool and holds no memory."""
    from torch.utils.flop_counter import FlopCounterMode

    from .sandbox.lazy_dynamo import defer_all

    defer_all()   # a grader never compiles: torch's compiler stays unimported (1.2 s of CPU)
    with FlopCounterMode(display=False), torch.device("meta"):
        torch.nn.Conv2d(1, 1, 3)(torch.zeros(1, 1, 4, 4))
    if assignment is not None:
        rubrics.load(assignment)
        task_specs(assignment)


def resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise RuntimeError("--device cuda was asked for, but no CUDA device is available")
    return device


@contextlib.contextmanager
def single_threaded():
    """The grading process's own torch work (references, expected outputs) on one thread, as the
    workers' is. Its tensors are tiny: a second thread saves nothing, and on a busy machine every
    parallel region waits for a thread the scheduler has given away (a small Inception block's
    forward took 0.5 s on two threads under load, 3 ms on one). Restored afterwards, for callers
    (a notebook's kernel) whose own work wants their setting."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


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

    @single_threaded()
    def grade(self, path, assignment: str, visibility: str = "public", tasks: list[str] | None = None,
              reveal_hidden: bool = False, stop_at_first_failure: bool = False) -> Report:
        """``stop_at_first_failure`` is for the test suite's known-wrong corpus, which only needs to
        see a task lose points, and for its attacks that only exhaust a job-ending limit: the checks
        after a task's first failure are not run (and not credited), and a failure is not shrunk to
        its smallest case. It is never used on a student's submission, and the CLI has no way to ask
        for it."""
        started = time.perf_counter()
        rubric = rubrics.load(assignment)
        submission = path if isinstance(path, loading.Submission) else loading.load(path)
        specs = task_specs(assignment)
        results = []
        errors: list[str] = []
        graded = [(task, [c for c in task.checks if visibility == "all" or c.visibility == visibility])
                  for task in rubric.tasks if not tasks or task.name in tasks]
        graded = [(task, checks) for task, checks in graded if checks]
        names = [task.name for task, _ in graded]
        replay = (SubmissionReplay(self.zygote, submission, names, self.device, self.limits, assignment,
                                   forbidden_names(assignment))
                  if SubmissionReplay.eligible(self.device, submission, names) else None)
        try:
            with properties.without_shrinking() if stop_at_first_failure else contextlib.nullcontext():
                for task, checks in graded:
                    results.append(self._grade_task(submission, task, checks, specs[task.name], errors,
                                                    reveal_hidden, assignment, stop_at_first_failure, replay))
        finally:
            if replay is not None:
                replay.close()
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
                    stop_at_first_failure=False, replay=None) -> TaskResult:
        started = time.perf_counter()
        result = TaskResult(task.name, [])
        if submission.error:
            result.checks = _not_run(checks, msg("not graded: {why}", why=submission.error))
            return result
        forbidden = forbidden_names(assignment)
        refusal = _reexecution_refusal(submission.source, task.name, forbidden)
        if refusal is not None:
            # Decided from the source alone: no check could credit the task, so none runs (a task
            # that digs in the runtime gets none of the grader's time; one hostile submission's
            # replies had cost 27 s of it).
            result.checks = _not_run(checks, refusal, reveal_hidden)
            result.elapsed_s = round(time.perf_counter() - started, 3)
            return result
        ctx = TaskContext(self.zygote, submission, task.name, self.device, self.limits, assignment,
                          forbidden, record_grouped=any(c.id == "forbidden_api" for c in checks), replay=replay)
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
                                          msg("not run: grading stopped at this task's first failing check"))
                else:
                    outcome = self._timed_check(ctx, spec, check, implementations, errors, started, result)
                    stopped = stop_at_first_failure and not outcome.passed
                if premise_outcome is None and check.id == verification.premise_of(spec.kind):
                    premise_outcome = outcome
                result.checks.append(outcome)
            if not stop_at_first_failure:
                result.mistake = self._name_mistake(ctx, spec, premise_outcome, started, reveal_hidden, assignment,
                                                    errors)
        finally:
            ctx.close()
        _diagnose(result.checks, reveal_hidden)
        _credit_only_verified(result.checks, premise_outcome)
        for outcome in result.checks:
            if outcome.visibility == "hidden" and not reveal_hidden and not outcome.passed:
                outcome.message, outcome.example, outcome.same_cause_as = HIDDEN_MESSAGE, None, None
        result.elapsed_s = round(time.perf_counter() - started, 3)
        result.workers = ctx.workers_started
        result.printed = ctx.printed
        return result

    def _name_mistake(self, ctx, spec, premise, started, reveal_hidden, assignment, errors=None):
        """The known mistake the task computes exactly, when its function check failed on a drawn
        configuration the student may see (not hidden, not an unmappable layout, not a lost worker)
        and time is left; else None. Feedback only: the score is the checks'."""
        if (spec.kind not in naming.NAMED_KINDS or premise is None or premise.passed or premise.needs_review
                or not isinstance(premise.example, dict) or (premise.visibility == "hidden" and not reveal_hidden)):
            return None
        left = self.limits.task_seconds - (time.perf_counter() - started)
        if left <= 0:
            return None
        try:
            return naming.name_the_mistake(ctx, spec, assignment, premise.example, min(naming.SECONDS, left))
        except Exception as error:  # noqa: BLE001 - feedback only: a bug of ours must not cost the task's grade
            if errors is not None:
                errors.append(f"{ctx.task}/naming the mistake: internal error {type(error).__name__}: {error}")
            return None

    def _timed_check(self, ctx, spec, check, implementations, errors, started, result) -> CheckResult:
        if time.perf_counter() - started - result.diagnosis_s > self.limits.task_seconds:
            return CheckResult(check.id, check.name, check.points, check.visibility, False,
                               msg("not run: the task used up its {seconds:g} s budget",
                                   seconds=self.limits.task_seconds))
        outcome, examples = self._run_check(ctx, spec, check, implementations[check.id], errors, result)
        result.examples += examples
        return outcome

    def _run_check(self, ctx, spec, check, implementation, errors, result):
        def verdict(passed, message="", example=None, needs_review=False):
            return CheckResult(check.id, check.name, check.points, check.visibility, passed, message, example,
                               needs_review)

        attempt_started = time.perf_counter()
        try:
            examples = implementation(ctx, spec, examples_for(spec, check.id))
            return verdict(True), examples
        except NotImplementedYet as failure:
            return verdict(False, failure.message), 0
        except CheckFailed as failure:
            # A case below the task's receptive field can fail for a reason of its own (a kernel
            # larger than the input): look for the smallest one that still means something.
            if properties.shrinking() and shrinking.below_field(spec, failure):
                searching = time.perf_counter()
                failure = shrinking.meaningful(ctx, spec, check.id, implementation, failure)
                result.diagnosis_s += time.perf_counter() - searching
                ctx.close()  # the next check gets a fresh worker: the search aged this one, whose life is bounded
            signature = rubrics.load(ctx.assignment).task(ctx.task).signature if ctx.assignment else ctx.task
            example = (msg("Smallest failing case: {case}", case=shrinking.describe(signature, failure.example))
                       if failure.example else "")
            hint = hints.hint_for(ctx.assignment, ctx.task, check.id, failure.message, strided="stride" in signature)
            hint_line = msg("Hint: {hint}", hint=hint) if hint else ""
            outcome = verdict(False, Text(failure.message, example and "\n", example, hint_line and "\n", hint_line),
                              failure.example)
            outcome.finding = failure.message
            return outcome, 0
        except NoMapping as reason:
            # The reason names the student's own tensor that has no counterpart, in their words.
            return verdict(False, msg("not verified: {reason}; so the grader could not load the reference's weights "
                                      "into your module and compare the two functions. Flagged for an instructor's "
                                      "review.", reason=reason.args[0] if reason.args else str(reason)),
                           needs_review=True), 0
        except SpawnLost:
            # Lost in a worker forked from the replay, which can explain nothing: the context has
            # stopped using the replay, so this runs the check again in workers of the zygote's own.
            # The lost attempt is the grader's cost, not the task's budget (as a diagnosis is).
            result.diagnosis_s += time.perf_counter() - attempt_started
            return self._run_check(ctx, spec, check, implementation, errors, result)
        except WorkerLost as lost:
            outcome = verdict(False, Text(LOSS_CAUSES.get(lost.cause, lost.cause), ": ", lost.detail))
            outcome.worker_lost = True
            return outcome, 0
        except Exception as error:  # noqa: BLE001 - a grader bug must not cost other tasks
            errors.append(f"{ctx.task}/{check.id}: internal error {type(error).__name__}: {error}")
            return verdict(False, msg("the grader failed on this check ({error}); reported as an error",
                                      error=type(error).__name__)), 0


# How a lost worker's cause reads (the causes are the sandbox's words: see sandbox.pool.WorkerLost).
LOSS_CAUSES = {"timeout": msg("timeout"), "memory": msg("memory"), "output limit": msg("output limit"),
               "processes": msg("processes"), "crashed": msg("crashed"), "exited": msg("exited"),
               "protocol": msg("protocol"), "forbidden import": msg("forbidden import"),
               "worker already stopped": msg("worker already stopped")}


def _diagnose(checks: list[CheckResult], reveal_hidden: bool) -> None:
    """Failures a failed premise explains say so; the rest are said once per cause (only among the
    checks whose messages are shown: a hidden one cannot be the "above" a public one points at)."""
    # Kept as they are: a task not implemented yet (one line says it all), a check that did not run
    # (stopped, or out of the task's time), a lost worker (the sandbox's verdict: timeout, memory,
    # forbidden import, … on every check it cost), and an unmappable layout (its message names the
    # student's tensor that has no counterpart, which no premise says).
    def kept(check) -> bool:
        return check.message.startswith(("not implemented yet", "not run")) or check.needs_review or check.worker_lost

    diagnosis.follow_premises(checks, protected=kept)
    shown = [c for c in checks if c.visibility != "hidden" or reveal_hidden]
    causes = {c.id: diagnosis.cause_of(c.finding or c.message) for c in shown
              if not kept(c) and not c.message.startswith(diagnosis.NOT_COMPARED.partition("«")[0])}
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


def _not_run(checks, message, reveal_hidden: bool = True) -> list[CheckResult]:
    """Every check failed with one message and none run; a hidden check's message stays hidden
    unless hidden checks are revealed."""
    return [CheckResult(check.id, check.name, check.points, check.visibility, False,
                        HIDDEN_MESSAGE if check.visibility == "hidden" and not reveal_hidden else message)
            for check in checks]


def _reexecution_refusal(source: str, task: str, forbidden) -> Text | None:
    """Where an assignment forbids library objects, a task whose code could re-import, reload,
    re-execute or dig up a library module (read from its source, never run) could have had them
    afresh, past the worker's stand-ins: none of its checks is credited, and the message names the
    cause and the lines. None when the task's code does nothing of the kind."""
    found = static_scan.reexecutions(source, task) if forbidden else []
    if not found:
        return None
    return Text(msg("forbidden import: the code could re-import or re-execute library modules, which would "
                    "hand over objects this assignment forbids:"), static_scan.listing(found))


def grade(path, assignment: str, visibility: str = "public", device: str = "auto", zygote: Zygote | None = None,
          **kwargs) -> Report:
    """Grade one submission with a zygote of its own (for many submissions, keep a Grader)."""
    with Grader(device, zygote=zygote) as grader:
        return grader.grade(path, assignment, visibility, **kwargs)
