"""The grader's side of the sandbox: one zygote per grading run, one fresh worker per task.

Torch's import (seconds) is paid once, by the zygote; each worker is a fork of it (milliseconds).
Every request has a deadline; a worker that overruns it, crashes, floods its output or breaks the
protocol is killed with its whole process group and reported as lost, and the caller starts a
fresh one.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import wire

ZYGOTE_SCRIPT = Path(__file__).with_name("zygote_main.py")
SIGNAL_NAMES = {int(s): s.name for s in signal.Signals}


@dataclass(frozen=True)
class Limits:
    """What one task's worker may use. The address-space cap must leave room for torch's own
    3+ GB mapping, and is dropped for CUDA, which it breaks."""

    request_seconds: float = 20.0
    task_seconds: float = 90.0
    address_space: int = 6 << 30
    cpu_seconds: int = 300
    file_size: int = 16 << 20
    output_bytes: int = 8 << 20
    kept_output: int = 32 << 10

    def for_worker(self, device: str) -> dict:
        return {"address_space": 0 if device.startswith("cuda") else self.address_space,
                "cpu_seconds": self.cpu_seconds, "file_size": self.file_size}


class WorkerLost(BaseException):
    """The worker is gone (timeout, crash, output flood, protocol breach). A BaseException on
    purpose: hypothesis must not retry or shrink through it."""

    def __init__(self, cause: str, detail: str = ""):
        super().__init__(cause)
        self.cause = cause
        self.detail = detail


class StudentError(Exception):
    """The student's code raised; carries the exception type and a bounded traceback."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type
        self.message = message


class CappedOutput:
    """Drains a worker's stdout/stderr, keeping the head and tail and counting the rest."""

    def __init__(self, fd: int, keep: int, limit: int, on_flood):
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self.keep = keep
        self.limit = limit
        self.on_flood = on_flood
        self.thread = threading.Thread(target=self._drain, args=(fd,), daemon=True)
        self.thread.start()

    def _drain(self, fd: int) -> None:
        with os.fdopen(fd, "rb", buffering=0) as stream:
            while chunk := stream.read(65536):
                self.total += len(chunk)
                room = self.keep - len(self.head)
                if room > 0:
                    self.head += chunk[:room]
                    chunk = chunk[room:]
                self.tail = (self.tail + chunk)[-self.keep:]
                if self.total > self.limit:
                    self.on_flood()

    def text(self) -> str:
        self.thread.join(timeout=0.5)
        body = bytes(self.head)
        skipped = self.total - len(self.head) - len(self.tail)
        if skipped > 0:
            body += f"\n… {skipped} bytes not kept …\n".encode()
        body += bytes(self.tail)
        return body.decode("utf-8", "replace")


class Zygote:
    """A torch-warm process that forks workers on request."""

    def __init__(self):
        ours, theirs = socket.socketpair()
        paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
        config = json.dumps({"library_paths": paths})
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(ZYGOTE_SCRIPT), str(theirs.fileno()), config],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)
        theirs.close()
        self.control = ours
        self._started = started
        self._lock = threading.Lock()
        self._cond = threading.Condition()
        self._forked: list[int] = []
        self._exits: dict[int, str] = {}
        self._reader_file = ours.makefile("rb")
        self._hello: dict | None = None

    def ready(self) -> dict:
        """Wait for the zygote's torch import (started in __init__, so the caller's own imports
        overlap with it) and return its greeting."""
        with self._lock:
            if self._hello is None:
                hello = json.loads(self._reader_file.readline() or b'{"error": "the zygote did not start"}')
                if "error" in hello:
                    raise RuntimeError(f"the sandbox zygote failed to start:\n{hello['error']}")
                hello["start_s"] = time.perf_counter() - self._started
                self._hello = hello
                threading.Thread(target=self._read, daemon=True).start()
        return self._hello

    @property
    def import_seconds(self) -> float:
        return self.ready()["import_s"]

    @property
    def torch_version(self) -> str:
        return self.ready()["torch"]

    def _read(self) -> None:
        for line in self._reader_file:
            note = json.loads(line)
            with self._cond:
                if "forked" in note:
                    self._forked.append(note["forked"])
                elif "exited" in note:
                    if "signal" in note:
                        self._exits[note["exited"]] = f"killed by {SIGNAL_NAMES.get(note['signal'], note['signal'])}"
                    else:
                        self._exits[note["exited"]] = f"exited with status {note['code']}"
                self._cond.notify_all()

    def fork(self, device: str, limits: Limits) -> "Worker":
        job_ours, job_theirs = socket.socketpair()
        out_read, out_write = os.pipe()
        request = json.dumps({"op": "fork", "device": device, "limits": limits.for_worker(device)})
        self.ready()
        with self._lock:
            started = time.perf_counter()
            socket.send_fds(self.control, [(request + "\n").encode()], [job_theirs.fileno(), out_write])
            job_theirs.close()
            os.close(out_write)
            with self._cond:
                if not self._cond.wait_for(lambda: self._forked, timeout=30):
                    raise RuntimeError("the sandbox zygote did not fork a worker")
                pid = self._forked.pop(0)
        return Worker(self, pid, job_ours, out_read, limits, time.perf_counter() - started)

    def exit_status(self, pid: int, wait: float) -> str | None:
        with self._cond:
            self._cond.wait_for(lambda: pid in self._exits, timeout=wait)
            return self._exits.pop(pid, None)

    def close(self) -> None:
        try:
            # shutdown, not just close: the reader thread's file object keeps the socket open.
            self.control.shutdown(socket.SHUT_RDWR)
            self.control.close()
        except OSError:
            pass
        finally:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Worker:
    """One task's sandboxed process. Requests are synchronous and each has a deadline."""

    def __init__(self, zygote: Zygote, pid: int, sock: socket.socket, out_fd: int, limits: Limits,
                 fork_seconds: float):
        self.zygote = zygote
        self.pid = pid
        self.sock = sock
        self.limits = limits
        self.fork_seconds = fork_seconds
        self.flooded = False
        self.alive = True
        self.output = CappedOutput(out_fd, limits.kept_output, limits.output_bytes, self._flood)

    def _flood(self) -> None:
        self.flooded = True
        self.kill()

    def request(self, header: dict, arrays: dict | None = None, timeout: float | None = None,
                max_payload: int = 1 << 30):
        """Send one request; return (reply, arrays). Raises StudentError when the student's code
        raised, WorkerLost when the worker is gone."""
        if not self.alive:
            raise WorkerLost("worker already stopped")
        timeout = timeout or self.limits.request_seconds
        try:
            self.sock.settimeout(timeout)
            wire.send(self.sock, header, arrays)
            reply, result = wire.receive(self.sock, max_payload)
        except (socket.timeout, TimeoutError):
            self.kill()
            raise WorkerLost("timeout", f"no answer within {timeout:g} s") from None
        except (wire.ProtocolError, OSError) as error:
            self.kill()
            raise WorkerLost(*self._cause_of_death(error)) from None
        if not reply.get("ok"):
            raise StudentError(str(reply.get("error_type", "Error")), str(reply.get("error", "")))
        return reply, result

    def _cause_of_death(self, error: Exception) -> tuple[str, str]:
        if self.flooded:
            return "output limit", f"the task printed more than {self.limits.output_bytes >> 20} MiB"
        status = self.zygote.exit_status(self.pid, wait=1.0) or "stopped"
        if isinstance(error, wire.ChannelClosed):
            if "SIGKILL" in status or "SIGSEGV" in status or "SIGABRT" in status or "SIGXCPU" in status:
                return "crashed", f"the worker was {status}"
            return "exited", f"the worker {status} (the code called exit or os._exit)"
        return "protocol", f"the worker broke the result protocol: {error}"

    def kill(self) -> None:
        if not self.alive:
            return
        self.alive = False
        for target in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass
        self.sock.close()

    def close(self) -> None:
        self.kill()
