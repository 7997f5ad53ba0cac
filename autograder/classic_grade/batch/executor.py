"""Who grades a batch's submissions: an interface, and the embedded local pool behind it.

An executor takes jobs (a student id, a file, a result key) and streams back one outcome per job,
in completion order, as a plain JSON-able dict: the report contract (``reports.to_dict``) plus the
student id, or a grader error. Any backend (a cluster of actors, scheduler shards, a service's
queue) implements ``Executor.run`` with the same two halves the local pool uses:
``open_grader(options)`` once per long-lived grader and ``grade_job(grader, job, options)`` per job.

The local pool runs N grader processes (spawned: nothing of the parent but its arguments), each
holding one Grader and so one warm zygote for its lifetime, and hands each the next job as it frees
up. A grader-side failure (its zygote died, the grader raised, its process died or overran) gets
the job one more try on a fresh grader; a second failure is recorded as a grader error, never as a
score.
"""
from __future__ import annotations

import abc
import collections
import multiprocessing
import os
import signal
import time
import traceback
from dataclasses import asdict, dataclass
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

from .. import collector
from .store import GradeOptions

ATTEMPTS = 2                   # the first try and one retry on a fresh grader
STARTUP_SECONDS = 300.0        # a grader's zygote start (torch import, canary) on a loaded machine
JOB_SLACK_SECONDS = 120.0      # beyond the tasks' own budgets, before a grader counts as hung


@dataclass(frozen=True)
class Job:
    index: int
    student: str
    path: str
    key: str

    def as_dict(self) -> dict:
        return asdict(self)


class GraderStartError(RuntimeError):
    """A grader could not start at all (no sandbox where one is required, no such device): the
    batch cannot run, which is not any student's fault."""


class GraderFailure(RuntimeError):
    """The grader, not the submission, failed while grading a job."""


def default_workers() -> int:
    """One grader per core the process may use: a grader's checks are single-threaded."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, cores)


def open_grader(options: GradeOptions):
    """A Grader with its own zygote, refusing to run hidden checks unsandboxed unless allowed (the
    same rule as ``classic-grade grade``)."""
    from ..sandbox import Zygote

    zygote = Zygote(options.sandbox)   # first: its torch import overlaps with the engine's
    zygote.ready_in_background()       # and the canary with them
    try:
        with collector.engine_start():
            from ..grading import Grader, prepare
            prepare(options.assignment)    # the engine's own first-use costs, while the zygote starts
        zygote.ready()
        if zygote.backend == "unsandboxed" and options.visibility == "all" and not options.allow_unsandboxed:
            raise GraderStartError("no sandbox passed its self-check here "
                                   f"({zygote.sandbox.get('self_check', '')}); grading with --all runs the hidden "
                                   "checks on untrusted code: refused without --allow-unsandboxed")
        return Grader(options.device, zygote=zygote)
    except (RuntimeError, ValueError) as error:
        zygote.close()
        raise GraderStartError(str(error)) from None


def grade_job(grader, job: Job, options: GradeOptions) -> dict:
    """Grade one job on a grader; the report contract plus the student id. Raises GraderFailure
    when the grader itself broke (its zygote died during the grading, or the engine raised)."""
    from ..reports import to_dict

    started = time.perf_counter()
    try:
        report = grader.grade(job.path, options.assignment, options.visibility, tasks=list(options.tasks) or None,
                              reveal_hidden=options.reveal_hidden)
    except Exception as error:  # noqa: BLE001 - the engine's bug is a grader error, not the student's zero
        raise GraderFailure(f"the grader raised {type(error).__name__}: {error}\n"
                            f"{traceback.format_exc(limit=-3)}") from None
    if grader.zygote.process.poll() is not None:
        raise GraderFailure(f"the grader's zygote died during the grading (exit status "
                            f"{grader.zygote.process.returncode}); its report cannot be trusted")
    record = {"student": job.student, **to_dict(report)}
    needs_review = getattr(report, "needs_review", None)
    if needs_review is not None:
        record.setdefault("needs_review", bool(needs_review))
    record["batch_wall_s"] = round(time.perf_counter() - started, 3)
    return record


def outcome(job: Job, attempts: int, grader: str, record: dict | None = None, error: str | None = None) -> dict:
    """What an executor yields per job: the job, how many tries, which grader, and the record or
    the grader error."""
    return {"job": job.as_dict(), "student": job.student, "attempts": attempts, "grader": grader,
            "record": record, "grader_error": error}


class Executor(abc.ABC):
    """Grades jobs; yields one outcome (see ``outcome``) per job as each completes."""

    @abc.abstractmethod
    def run(self, jobs: Iterable[Job]) -> Iterator[dict]:
        ...

    def close(self) -> None:
        """Stop every grader; safe to call twice and after an interrupted ``run``."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _serve(connection, options: GradeOptions, factory: Callable) -> None:
    """A grader process: one Grader, kept warm across jobs and replaced after a failure."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, _exit_cleanly)      # the parent stopping a busy grader: close the zygote first
    grader = None
    try:
        try:
            grader = factory(options)
        except GraderStartError as error:
            connection.send({"fatal": str(error)})
            return
        connection.send({"ready": True})
        while (message := connection.recv()) is not None:
            job = Job(**message)
            try:
                if grader is None:
                    grader = factory(options)
                reply = {"record": grade_job(grader, job, options)}
            except (GraderFailure, GraderStartError) as failure:
                if grader is not None:
                    grader.close()
                grader = None                         # the retry gets a fresh grader (and zygote)
                reply = {"failure": str(failure)}
            connection.send(reply)
    except (EOFError, OSError):
        pass                                          # the parent is gone (killed): stop quietly
    finally:
        if grader is not None:
            grader.close()


def _exit_cleanly(signum, frame):
    raise SystemExit(0)


@dataclass
class _Slot:
    process: multiprocessing.Process
    connection: object
    name: str
    ready: bool = False
    job: Job | None = None
    attempt: int = 0
    since: float = 0.0


class LocalPool(Executor):
    """N long-lived grader processes on this machine."""

    def __init__(self, options: GradeOptions, workers: int | None = None, factory: Callable = open_grader,
                 job_seconds: float | None = None):
        self.options = options
        self.workers = max(1, workers or default_workers())
        self.factory = factory
        self.job_seconds = job_seconds or _job_budget(options)
        self.context = multiprocessing.get_context("spawn")
        self.slots: list[_Slot] = []
        self._started = 0
        self._failed_starts = 0

    def _start(self) -> _Slot:
        ours, theirs = self.context.Pipe()
        self._started += 1
        process = self.context.Process(target=_serve, args=(theirs, self.options, self.factory),
                                       name=f"classic-grade-grader-{self._started}", daemon=True)
        process.start()
        theirs.close()
        slot = _Slot(process, ours, f"grader-{self._started}", since=time.monotonic())
        self.slots.append(slot)
        return slot

    def _stop(self, slot: _Slot, force: bool = False) -> None:
        if slot in self.slots:
            self.slots.remove(slot)
        if (force or slot.job is not None) and slot.process.is_alive():
            slot.process.terminate()      # busy or hung: it closes its zygote and stops
        else:
            try:
                slot.connection.send(None)
            except (OSError, ValueError):
                pass
        slot.process.join(timeout=10)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join(timeout=5)
        slot.connection.close()

    def run(self, jobs: Iterable[Job]) -> Iterator[dict]:
        pending = collections.deque((job, 1) for job in jobs)
        if not pending:
            return
        while len(self.slots) < min(self.workers, len(pending)):
            self._start()
        while pending or any(s.job for s in self.slots):
            self._dispatch(pending)
            ready = wait([s.connection for s in self.slots] + [s.process.sentinel for s in self.slots], timeout=1.0)
            for slot in list(self.slots):
                if slot.connection in ready:
                    try:
                        message = slot.connection.recv()
                    except (EOFError, OSError):
                        slot.process.join(timeout=5)
                        message = {"failure": f"the grader process died ({_exit_text(slot.process)})", "dead": True}
                    yield from self._handle(slot, message, pending)
                elif slot.process.sentinel in ready or self._overran(slot):
                    if slot.process.sentinel in ready:
                        slot.process.join(timeout=5)   # its exit status is known only once it is reaped
                    cause = (f"the grader process died ({_exit_text(slot.process)})" if slot.process.sentinel in ready
                             else f"the grader gave no result within {self.job_seconds:g} s and was stopped")
                    yield from self._handle(slot, {"failure": cause, "dead": True}, pending)

    def _dispatch(self, pending) -> None:
        """Hand the next jobs to the graders that are free."""
        for slot in self.slots:
            if slot.ready and slot.job is None and pending:
                slot.job, slot.attempt = pending.popleft()
                slot.since = time.monotonic()
                slot.connection.send(slot.job.as_dict())

    def _overran(self, slot: _Slot) -> bool:
        limit = self.job_seconds if slot.ready else STARTUP_SECONDS
        return time.monotonic() - slot.since > limit and (slot.job is not None or not slot.ready)

    def _handle(self, slot: _Slot, message: dict, pending) -> Iterator[dict]:
        if "fatal" in message:
            raise GraderStartError(message["fatal"])
        if message.get("ready"):
            slot.ready = True
            return
        job, attempt = slot.job, slot.attempt
        slot.job = None
        if "record" in message:
            # The grader gets its next job before the caller writes this one's outputs: writing
            # reports and pages must not leave a grader idle.
            self._dispatch(pending)
            yield outcome(job, attempt, slot.name, record=message["record"])
            return
        if message.get("dead") or not slot.process.is_alive():
            self._stop(slot, force=True)
            if not slot.ready:
                self._failed_starts += 1
                if self._failed_starts > 2 * self.workers:
                    raise GraderStartError(f"grader processes keep dying before they are ready: {message['failure']}")
            if pending or job is not None:
                self._start()
        if job is None:
            return
        if attempt < ATTEMPTS:
            pending.appendleft((job, attempt + 1))
        else:
            yield outcome(job, attempt, slot.name, error=message["failure"])

    def close(self) -> None:
        for slot in list(self.slots):
            self._stop(slot)


def _job_budget(options: GradeOptions) -> float:
    from .. import rubric as rubrics
    from ..sandbox import Limits

    tasks = [t for t in rubrics.load(options.assignment).tasks if not options.tasks or t.name in options.tasks]
    return len(tasks) * Limits().task_seconds + JOB_SLACK_SECONDS


def _exit_text(process) -> str:
    code = process.exitcode
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"
