"""One task's view of the sandbox: a worker that is forked on first use and replaced when lost."""
from __future__ import annotations

from ..sandbox import Limits, StudentError, Worker, WorkerLost, Zygote
from .outcome import CheckFailed


class TaskContext:
    def __init__(self, zygote: Zygote, source: str, filename: str, task: str, device: str, limits: Limits,
                 assignment: str = "", forbidden: tuple[str, ...] = ()):
        self.zygote = zygote
        self.assignment = assignment
        self.forbidden = forbidden
        self.source = source
        self.filename = filename
        self.task = task
        self.device = device
        self.limits = limits
        self._worker: Worker | None = None
        self.workers_started = 0
        self.outputs: list[str] = []
        # Replies that several checks of this task ask for alike (a network's meta-device shapes),
        # computed once per task; keyed by the request's configuration.
        self.memo: dict = {}

    def _fresh_worker(self) -> Worker:
        worker = self.zygote.fork(self.device, self.limits, self.forbidden, self.assignment)
        self.workers_started += 1
        try:
            worker.request({"op": "load", "source": self.source, "filename": self.filename})
        except StudentError as error:
            self._retire(worker)
            raise CheckFailed(f"the submission raised while it was loaded:\n{error.message}") from None
        except WorkerLost:
            self._retire(worker)
            raise
        return worker

    def _retire(self, worker: Worker) -> None:
        worker.close()
        self.outputs.append(worker.output.text())

    def request(self, header: dict, arrays: dict | None = None, timeout: float | None = None):
        """A request to this task's worker. Student exceptions become CheckFailed with the
        student's traceback; a lost worker is retired and the loss re-raised."""
        if self._worker is None or not self._worker.alive:
            self._worker = self._fresh_worker()
        try:
            reply, result = self._worker.request(header, arrays, timeout)
        except StudentError as error:
            raise CheckFailed(f"{error.error_type} raised by the submission:\n{error.message}") from None
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
            raise WorkerLost("forbidden import", f"the built module is made of {used[0]}, which hands over the "
                                                 f"task and is not allowed in {self.assignment}: write your own")

    def close(self) -> None:
        if self._worker is not None:
            self._retire(self._worker)
            self._worker = None

    @property
    def printed(self) -> str:
        return "".join(self.outputs)
