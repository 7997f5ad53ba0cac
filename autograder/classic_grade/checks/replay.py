"""One replay of a submission's cells, forked into one worker per task.

A fresh worker per task replays every cell of the submission before its task's checks run: a
notebook's "Try it" cells too, six times for day19's six tasks. Here the cells run once, in a jailed
worker forked by the zygote like any other; each task's worker is then forked from it (inside its
jail, see ``sandbox.pool.Worker.spawn``), so it starts from exactly the state a fresh replay would
reach, and still one process per task: a task that crashes its worker costs only its own checks.

What the replay's process tree says is not the zygote's word, so a loss on this path proves
nothing: the replay is ended and the check runs again in a worker of the zygote's own, whose loss
the grader can explain (the timeout, memory, processes and exit causes of SANDBOX.md). Whatever goes
wrong with the replay itself (it raises, floods, hangs, forges a reply) turns it off for the rest of
the submission: every later task forks from the zygote, as before.
"""
from __future__ import annotations

import dataclasses

from ..loading import Submission
from ..sandbox import Limits, StudentError, Worker, WorkerLost, Zygote


class SubmissionReplay:
    def __init__(self, zygote: Zygote, submission: Submission, tasks: list[str], device: str, limits: Limits,
                 assignment: str, forbidden: tuple[str, ...]):
        self.zygote = zygote
        self.submission = submission
        self.tasks = list(tasks)
        self.device = device
        # The replay lives through every task: its job's wall-clock bound is theirs together.
        self.limits = dataclasses.replace(limits, job_seconds=limits.wall_seconds * max(1, len(tasks)))
        self.assignment = assignment
        self.forbidden = forbidden
        self.host: Worker | None = None
        self.missing: list[str] = []   # the task names the replayed cells left undefined
        self.usable = True

    @staticmethod
    def eligible(device: str, submission: Submission, tasks: list[str]) -> bool:
        """Worth it for two tasks or more; never on CUDA, which a forked child cannot use once its
        parent (here: the student's cells) may have touched it."""
        return len(tasks) > 1 and not device.startswith("cuda") and not submission.error

    def worker_for(self, record_grouped: bool) -> Worker | None:
        """A task's worker forked from the replay, or None where the replay is not to be used."""
        if not self.usable:
            return None
        try:
            if self.host is None:
                host = self.zygote.fork(self.device, self.limits, self.forbidden, self.assignment, False)
                self.host = host
                reply, _ = host.request({"op": "load", "cells": [cell.wire() for cell in self.submission.runnable],
                                         "filename": self.submission.filename, "expect": self.tasks})
                failed, missing = reply.get("failed"), reply.get("missing")
                if not isinstance(failed, list) or not isinstance(missing, list):
                    raise WorkerLost("protocol", "the replay's load reply is malformed")
                self.submission.record_run(failed)   # the cells that raised: notes, once per submission
                self.missing = [m for m in missing if isinstance(m, str)]
            return self.host.spawn(record_grouped)
        except (WorkerLost, StudentError):
            # The replay raised, was lost or broke the protocol: a fresh worker replays for itself
            # and says what happened in the words the report has always used.
            self.close()
            return None

    def close(self) -> None:
        self.usable = False
        if self.host is not None:
            self.host.close()
            self.host = None
