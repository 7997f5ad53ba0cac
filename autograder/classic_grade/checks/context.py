"""One task's view of the sandbox: a worker that is forked on first use and replaced when lost.

A fresh worker replays the submission's cells (see ``loading``); what the replay says decides how
the task sees its submission: cells that raised become report notes, and a task whose name is not
defined, or whose stub raises NotImplementedError, fails its checks with one plain line ("not
implemented yet") instead of a traceback per check. Other tasks are not affected.
"""
from __future__ import annotations

import re

from ..loading import Submission
from ..sandbox import Limits, SpawnLost, StudentError, Worker, WorkerLost, Zygote
from ..messages import Message, Text, msg
from .outcome import CheckFailed, NotImplementedYet, RaisedBySubmission

NOT_IMPLEMENTED = "NotImplementedError"
FRAME_LINE = re.compile(r"^\s+(?:File \"[^\"]+\", line \d+|(?:cell \d+|In \[\d+\]), line \d+), in .+$",
                        re.MULTILINE)


class TaskContext:
    def __init__(self, zygote: Zygote, submission: Submission, task: str, device: str, limits: Limits,
                 assignment: str = "", forbidden: tuple[str, ...] = (), record_grouped: bool = False,
                 replay=None):
        self.zygote = zygote
        self.replay = replay                   # checks.replay.SubmissionReplay, or None: fork from the zygote
        self.assignment = assignment
        self.forbidden = forbidden
        self.submission = submission
        self.source = submission.source        # the code that runs, joined: for static scans
        self.filename = submission.filename
        self.task = task
        self.device = device
        self.limits = limits
        self.record_grouped = record_grouped   # the task's workers record grouped convolutions
        self._worker: Worker | None = None
        self._missing = False
        self.workers_started = 0
        self.outputs: list[str] = []
        # Replies that several checks of this task ask for alike (a network's meta-device shapes),
        # computed once per task; keyed by the request's configuration.
        self.memo: dict = {}

    def _fresh_worker(self) -> Worker:
        worker = self.replay.worker_for(self.record_grouped) if self.replay is not None else None
        if worker is not None:   # forked from the submission's replay, which has run the cells
            self.workers_started += 1
            self._missing = self.task in self.replay.missing
            return worker
        worker = self.zygote.fork(self.device, self.limits, self.forbidden, self.assignment, self.record_grouped)
        self.workers_started += 1
        try:
            reply, _ = worker.request({"op": "load", "cells": [cell.wire() for cell in self.submission.runnable],
                                       "filename": self.filename, "expect": [self.task]})
        except StudentError as error:  # the replay itself failed (not a cell: cells are caught one by one)
            self._retire(worker)
            raise CheckFailed(Text(msg("the submission raised while it was loaded:"), "\n", error.message)) from None
        except WorkerLost:
            self._retire(worker)
            raise
        failed = reply.get("failed")
        self.submission.record_run(failed if isinstance(failed, list) else [])
        self._missing = self.task in (reply.get("missing") or [])
        return worker

    def _retire(self, worker: Worker) -> None:
        worker.close()
        self.outputs.append(worker.output.text())

    def request(self, header: dict, arrays: dict | None = None, timeout: float | None = None):
        """A request to this task's worker. Student exceptions become CheckFailed with the
        student's traceback (one plain line for a task not implemented yet); a lost worker is
        retired and the loss re-raised."""
        if self._worker is None or not self._worker.alive:
            self._worker = self._fresh_worker()
        if self._missing:
            raise NotImplementedYet(self._not_defined())
        try:
            reply, result = self._worker.request(header, arrays, timeout)
        except StudentError as error:
            if error.error_type == NOT_IMPLEMENTED:
                raise NotImplementedYet(self._not_implemented(error.message)) from None
            raise RaisedBySubmission(Text(msg("{error} raised by the submission:", error=error.error_type), "\n",
                                          error.message)) from None
        except SpawnLost:
            # Nothing the replay's tree says about the loss is taken: the replay is ended, and the
            # caller runs the check again in workers of the zygote's own (grading._run_check).
            self._retire(self._worker)
            self._worker = None
            self.replay.close()
            raise
        except WorkerLost:
            self._retire(self._worker)
            self._worker = None
            raise
        self._refuse_forbidden_classes(reply)
        return reply, result

    def _refuse_forbidden_classes(self, reply: dict) -> None:
        """A built module whose classes (or their bases) are a forbidden library object, however the
        submission got hold of it (re-imported, reloaded, dug up from memory), is a forbidden import."""
        origins = reply.get("class_origins")
        origins = {o for o in origins if isinstance(o, str)} if isinstance(origins, list) else set()
        used = sorted(origins & set(self.forbidden))
        if used:
            self._retire(self._worker)
            self._worker = None
            raise WorkerLost("forbidden import", msg("the built module is made of {name}, which hands over the task "
                                                     "and is not allowed in {assignment}: write your own",
                                                     name=used[0], assignment=self.assignment))

    def _not_defined(self) -> Message:
        """Where the task's answer should have come from, when a cell that defines it did not run."""
        for cell in self.submission.cells_defining(self.task):
            if cell.skipped and cell.skipped != "test cell":
                return msg("not implemented yet: the submission does not define {task!r} ({cell}, which defines "
                           "it, {why})", task=self.task, cell=cell.label, why=cell.skipped)
            ran = self.submission.run_notes.get(cell.label)
            if ran:
                return msg("not implemented yet: the submission does not define {task!r} ({cell}, which defines "
                           "it, raised {error}; see the notes)", task=self.task, cell=cell.label,
                           error=ran.partition(chr(10))[0])
        return msg("not implemented yet: the submission does not define {task!r}", task=self.task)

    def _not_implemented(self, traceback: str) -> Message:
        frames = FRAME_LINE.findall(traceback)
        if frames:
            return msg("not implemented yet: {task} raised NotImplementedError ({where})", task=self.task,
                       where=frames[-1].strip())
        return msg("not implemented yet: {task} raised NotImplementedError", task=self.task)

    def close(self) -> None:
        if self._worker is not None:
            self._retire(self._worker)
            self._worker = None

    @property
    def printed(self) -> str:
        return "".join(self.outputs)
