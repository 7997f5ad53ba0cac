"""The grader's side of the sandbox: one zygote per grading run, one fresh worker per task.

Torch's import (seconds) is paid once, by the zygote; each worker is a fork of it (milliseconds).
Every request has one absolute deadline and a reply bounded by what that request can return; a
worker that overruns either, crashes or breaks the protocol is killed with its whole job and
reported as lost, and the caller starts a fresh one. What a worker prints is drained and, past the
kept head and tail, discarded; what it replies is cleaned (safe_text) before the grader uses it.
"""
from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import atexit
import dataclasses
import importlib.util
import glob
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..messages import msg
from ..safe_text import TooDeep, clean_text, clean_tree
from . import wire
from .cgroups import Cgroups, JobCgroup

ZYGOTE_SCRIPT = Path(__file__).with_name("zygote_main.py")
PACKAGE_DIR = Path(__file__).resolve().parents[1]          # classic_grade: never inside the sandbox
BACKENDS = ("namespaces", "userns", "unsandboxed")
SANDBOXED = ("namespaces", "userns", "bwrap")
UID_BASE = 60000
UID_SLOTS = 5000                 # sandbox uids 60001..65000, one per live zygote on the host
START_SECONDS = 300.0            # torch's import in the zygote, on a loaded machine
# Mounted read-only into every job's root when they exist; with the Python prefix and the
# library folders added at start-up, that is all of the host a job sees.
SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc/ld.so.cache",
                "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime")
ANSWER_KEY_DIRS = ("classic_grade", "classic_cnn", "timm")
_GPU = threading.Lock()     # one job owns the GPU at a time (per grading process)
SIGNAL_NAMES = {int(s): s.name for s in signal.Signals}


@dataclass(frozen=True)
class Limits:
    """What one task's worker may use. The address-space cap must leave room for torch's own
    3+ GB mapping, and is dropped for CUDA, which it breaks (there the memory cgroup bounds)."""

    request_seconds: float = 20.0   # one absolute deadline per request, whatever the reply's pace
    task_seconds: float = 90.0
    job_seconds: float = 0.0        # a job's wall-clock life (0: task_seconds + 120 s), sleep included
    address_space: int = 6 << 30
    cpu_seconds: int = 300
    file_size: int = 16 << 20
    output_bytes: int = 8 << 20     # printed during a request that then times out: "output limit"
    kept_output: int = 32 << 10     # head and tail kept of what a job prints; the rest is discarded
    memory: int = 3 << 30           # cgroup memory.max / memory.limit_in_bytes, per job
    processes: int = 64             # cgroup pids.max and RLIMIT_NPROC (processes and threads)
    open_files: int = 256
    tmp_size: int = 64 << 20        # the job's private /tmp and /work tmpfs, each
    shm_size: int = 16 << 20

    def for_worker(self, device: str) -> dict:
        return {"address_space": 0 if device.startswith("cuda") else self.address_space,
                "cpu_seconds": self.cpu_seconds, "file_size": self.file_size,
                "open_files": self.open_files, "processes": self.processes}

    @property
    def wall_seconds(self) -> float:
        """The zygote's hard kill per job: a task's checks stop starting at ``task_seconds``, and the
        one in flight may still wait on a request (networks allow 60 s)."""
        return self.job_seconds or self.task_seconds + 120.0

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


# What a reply may carry, decided by the grader from its own request before a byte is read
# (a worker that claims more is killed as "protocol"). Ops that reply with JSON only carry no
# array; "run" carries the output, the input's gradient and one gradient per parameter; an op
# this table does not know gets a generous but finite allowance.
JSON_ONLY_OPS = frozenset({"load", "call", "build", "trace", "shapes", "convolutions", "grouped_convolutions"})
REPLY_SLACK = 32 << 20
UNKNOWN_OP_BYTES = 64 << 20


def reply_bounds(header: dict, arrays: dict | None) -> tuple[int, int]:
    """(array bytes, array count) a reply to this request may legitimately hold."""
    arrays = arrays or {}
    sizes = {name: int(getattr(value, "nbytes", 0)) for name, value in arrays.items()}
    sent = sum(sizes.values())
    op = header.get("op")
    if op in JSON_ONLY_OPS:
        return 0, 0
    if op == "run":
        values = sum(n for name, n in sizes.items() if name.startswith("value:"))
        x = sizes.get("input", 0)
        # The output has grad_output's shape when a backward is asked; otherwise a module's output
        # is at most a few times its input (8x covers every block of the course). Gradients come
        # one per parameter (at most the values sent) plus the input's; float64 doubles each.
        output = sizes.get("grad_output") or 8 * x
        return 2 * (2 * values + x + output) + REPLY_SLACK, 2 * len(arrays) + 16
    return 4 * sent + UNKNOWN_OP_BYTES, 2 * len(arrays) + 4096


def claim_uid_slot(directory: Path | None = None) -> tuple[int, int]:
    """A sandbox uid slot no other live zygote on this host holds: an exclusive flock on the slot's
    file, held (the returned fd open) for the zygote's life and released by the kernel whenever
    the grader ends, however it ends."""
    if directory is None:
        shared = Path(tempfile.gettempdir()) / f"classic-grade-slots-{os.getuid()}"
        for directory in ([Path("/run/classic-grade-slots")] if os.geteuid() == 0 else []) + [shared]:
            try:
                directory.mkdir(mode=0o700, parents=True, exist_ok=True)
                break
            except OSError:   # a read-only /run: the temp dir is the next host-wide place
                continue
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    first = os.getpid() % UID_SLOTS     # spread the search; the lock, not the pid, decides
    for step in range(UID_SLOTS):
        slot = (first + step) % UID_SLOTS
        fd = os.open(directory / f"slot-{slot}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return slot, fd
        except BlockingIOError:
            os.close(fd)
    raise RuntimeError(f"all {UID_SLOTS} sandbox uid slots in {directory} are held by live graders")


class WorkerLost(BaseException):
    """The worker is gone (timeout, crash, output flood, protocol breach). A BaseException on
    purpose: hypothesis must not retry or shrink through it."""

    def __init__(self, cause: str, detail: str = ""):
        super().__init__(cause)
        self.cause = cause
        self.detail = detail


class SpawnLost(WorkerLost):
    """A task's worker forked from the submission's replay was lost. What the replay's process tree
    says about it (its exit status, its cause) is not the zygote's word, so the grader takes none
    of it: it ends the replay and runs the check again in a worker of its own, whose loss it can
    explain (see ``TaskContext`` and SANDBOX.md, "One replay per submission")."""


class StudentError(Exception):
    """The student's code raised; carries the exception type and a bounded traceback."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type
        self.message = message


class CappedOutput:
    """Drains a worker's stdout/stderr to the end, keeping the head and tail and counting the
    rest, which is discarded: printing costs the job time, never its grade, and never the
    grader's memory. One preallocated buffer; the job's output pipe is read until it closes."""

    CHUNK = 1 << 20

    def __init__(self, fd: int, keep: int):
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0
        self.keep = keep
        self.thread = threading.Thread(target=self._drain, args=(fd,), daemon=True)
        self.thread.start()

    def _drain(self, fd: int) -> None:
        buffer = bytearray(self.CHUNK)
        view = memoryview(buffer)
        with os.fdopen(fd, "rb", buffering=0) as stream:
            while count := stream.readinto(buffer):
                self.total += count
                start = 0
                room = self.keep - len(self.head)
                if room > 0:
                    start = min(room, count)
                    self.head += view[:start]
                if count - start >= self.keep:
                    self.tail = bytearray(view[count - self.keep:count])
                elif count > start:
                    self.tail = (self.tail + view[start:count])[-self.keep:]

    def text(self) -> str:
        self.thread.join(timeout=0.5)
        body = bytes(self.head)
        skipped = self.total - len(self.head) - len(self.tail)
        if skipped > 0:
            body += f"\n… {skipped} bytes not kept …\n".encode()
        body += bytes(self.tail)
        return clean_text(body.decode("utf-8", "replace"), 4 * self.keep)


# glibc's malloc asks for transparent huge pages (madvise; glibc 2.35 and later, ignored before):
# torch's import leaves about 150 of the zygote's 377 MiB of anonymous memory in malloc's heap, and
# every job forks three processes from it. A fork copies a huge page's mapping as one entry instead
# of 512 and an exit drops it as one: a fork and exit of the warm zygote went from 36 to 24 ms, a
# sandboxed job's CPU from 142 to 121 ms and a warm day19 --all grading's from 1.30 to 1.17 core-s
# (medians of alternating runs, 2 Dec 2026). Glibc reads it once, at the zygote's start.
ZYGOTE_MALLOC = "glibc.malloc.hugetlb=1"


def _zygote_environment() -> dict:
    """The zygote's whole environment: no tokens, no HOME, nothing of the caller's but the thread
    settings, the GPU choice and our own CLASSIC_GRADE_* variables."""
    keep = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1"}
    for key, value in os.environ.items():
        if key.startswith("CLASSIC_GRADE_") or key == "CUDA_VISIBLE_DEVICES":
            keep[key] = value
    return keep


def _nested(paths) -> list[str]:
    """Drop paths inside another listed path (one bind covers them)."""
    chosen = []
    for path in sorted(set(paths), key=len):
        if not any(path == c or path.startswith(c.rstrip("/") + "/") for c in chosen):
            chosen.append(path)
    return chosen


def jail_filesystem(library_paths) -> dict:
    """What a jailed job's root holds: the system's libraries, the interpreter's prefix and the
    library folders (torch lives there), read-only; never the grader's package, the reference or
    anything else of the checkout, $HOME or the shared temp dirs."""
    prefixes = [os.path.realpath(sys.base_prefix), sys.prefix]
    if not os.path.realpath(sys.executable).startswith(tuple(p + "/" for p in prefixes)):
        prefixes.append(os.path.dirname(os.path.realpath(sys.executable)))
    binds = list(SYSTEM_PATHS) + _nested(prefixes + [os.path.realpath(p) for p in library_paths])
    forbidden_roots = [str(PACKAGE_DIR), str(PACKAGE_DIR.parent)]
    masks = []
    for path in binds:
        if any(root == path or root.startswith(path.rstrip("/") + "/") for root in forbidden_roots) \
                and path not in SYSTEM_PATHS and path != "/":
            masks.append(str(PACKAGE_DIR))   # a library folder holding the grader: hide the grader
    for library in library_paths:
        for name in ANSWER_KEY_DIRS:
            for found in glob.glob(os.path.join(library, name)) + glob.glob(os.path.join(library, name + "-*")):
                masks.append(found)
    # The job's writable home: /work unless a bound path lives there (a checkout's venv may).
    work = next(w for w in ("/work", "/home/sandbox", "/sandbox-work")
                if not any(b == w or b.startswith(w + "/") or w.startswith(b.rstrip("/") + "/") for b in binds))
    return {"binds": binds, "masks": sorted(set(masks)), "work_dir": work}


class Zygote:
    """A torch-warm process that forks workers on request, each into the sandbox backend chosen
    at start-up by a canary job (see SANDBOX.md)."""

    def __init__(self, sandbox: str = "auto"):
        if sandbox not in ("auto",) + BACKENDS:
            raise ValueError(f"unknown sandbox backend {sandbox!r}; one of auto, {', '.join(BACKENDS)}")
        self.requested = sandbox
        # Before the zygote starts: the cgroup bases (and the stale ones of dead graders reaped)
        # travel in its configuration, so that a zygote whose grader died removes them itself.
        self.cgroups = Cgroups()
        # A zygote kept for a process's lifetime (the notebook API's) is never closed: its cgroups
        # are removed at exit all the same.
        atexit.register(self.cgroups.cleanup)
        self.slot, self._slot_lock = claim_uid_slot()
        self.uid = UID_BASE + 1 + self.slot   # this zygote's worker uid, unique on the host
        ours, theirs = socket.socketpair()
        paths = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
        config = json.dumps({"library_paths": paths, "cgroup_bases": [str(b) for b in self.cgroups.bases.values()]})
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-S", str(ZYGOTE_SCRIPT), str(theirs.fileno()), config],
            pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
            env=dict(_zygote_environment(), GLIBC_TUNABLES=ZYGOTE_MALLOC),   # the zygote's start only
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True)
        theirs.close()
        self.control = ours
        self._started = started
        self._lock = threading.RLock()
        self._cond = threading.Condition()
        self._forked: list[int] = []
        self._exits: dict[int, str] = {}
        self._reader_file = ours.makefile("rb")
        self._hello: dict | None = None
        self.filesystem = jail_filesystem(paths)
        self.backend = "unsandboxed" if sandbox == "unsandboxed" else None
        self.sandbox: dict = {}
        self._early: threading.Thread | None = None
        self._early_error: BaseException | None = None

    def ready_in_background(self) -> None:
        """Start waiting for the zygote and running the canary on a thread of our own, so both
        overlap with whatever the caller does next (its own imports); ``ready()`` then joins it and
        raises what it raised. The canary still runs, complete, before any worker is forked."""
        def run():
            try:
                self.ready()
            except BaseException as error:  # noqa: BLE001 - handed to the caller's ready()
                self._early_error = error

        if self._early is None:
            self._early = threading.Thread(target=run, name="zygote-ready", daemon=True)
            self._early.start()

    def ready(self) -> dict:
        """Wait for the zygote's torch import (started in __init__, so the caller's own imports
        overlap with it), choose the sandbox backend, and return the zygote's greeting."""
        early = self._early
        if early is not None and early is not threading.current_thread():
            early.join()
            if self._early_error is not None:
                raise self._early_error
        with self._lock:
            if self._hello is None:
                started, _, _ = select.select([self.control], [], [], START_SECONDS)
                line = self._reader_file.readline() if started else b""
                hello = json.loads(line or b'{"error": "the zygote did not start"}')
                if "error" in hello:
                    raise RuntimeError(f"the sandbox zygote failed to start:\n{hello['error']}")
                hello["start_s"] = time.perf_counter() - self._started
                self._hello = hello
                threading.Thread(target=self._read, daemon=True).start()
        if self.backend is None or not self.sandbox:
            with self._lock:
                if not self.sandbox:
                    self._choose_backend()
        return self._hello

    def _choose_backend(self) -> None:
        """Run the canary in each candidate backend; the first whose every check passes is used.
        An explicitly requested backend that fails its canary is an error, not a fallback."""
        candidates = [self.requested] if self.requested != "auto" else ["namespaces", "userns"]
        tried = {}
        for backend in candidates:
            if backend == "unsandboxed":
                break
            started = time.perf_counter()
            try:
                checks = self.self_check(backend)
            except (RuntimeError, WorkerLost, OSError, wire.ProtocolError) as error:
                checks = {"canary job": [False, f"{type(error).__name__}: {getattr(error, 'detail', '') or error}"]}
            failed = {name: detail for name, (passed, detail) in checks.items() if not passed}
            tried[backend] = failed
            if not failed:
                self.backend = backend
                self.sandbox = {"backend": backend, "uid": self.uid, "cgroups": self.cgroups.describe(),
                                "self_check": f"passed {len(checks)} checks in {time.perf_counter() - started:.2f} s",
                                "checks": sorted(checks)}
                return
        if self.requested not in ("auto", "unsandboxed"):
            raise RuntimeError(f"the {self.requested} sandbox failed its self-check: {tried[self.requested]}")
        self.backend = "unsandboxed"
        self.sandbox = {"backend": "unsandboxed", "cgroups": self.cgroups.describe(),
                        "self_check": "not sandboxed" + (f"; refused: {tried}" if tried else " (asked for)"),
                        "warning": "UNSANDBOXED: the submission ran as a plain process with limits only"}

    def self_check(self, backend: str) -> dict:
        """The canary: a job in ``backend`` that reports, from inside, what the sandbox promises."""
        limits = Limits(processes=8, request_seconds=20.0)
        descriptor, planted = tempfile.mkstemp(prefix="classic-grade-canary-")
        os.close(descriptor)
        home = Path.home()
        # [label, path]: the labels name the checks, stable from run to run (the planted name is not).
        invisible = [["a file planted in the host's temp dir", planted], [str(ZYGOTE_SCRIPT)] * 2,
                     [str(PACKAGE_DIR)] * 2] + \
            [[str(home / name)] * 2 for name in (".bashrc", ".profile", ".ssh") if (home / name).exists()]
        reference = importlib.util.find_spec("classic_cnn")   # found, not imported (seconds)
        if reference is not None and reference.origin:
            invisible.append([os.path.dirname(reference.origin)] * 2)
        canary = {"invisible": invisible, "unlistable": [str(home)], "grader_pid": os.getpid(),
                  "fork_bound": limits.processes,
                  "limits": limits.for_worker("cpu")}
        try:
            worker = self._fork("cpu", limits, backend, {"canary": canary})
            try:
                reply, _ = wire.receive(worker.sock, 0, time.monotonic() + limits.request_seconds)
                reply = clean_tree(reply)
            except (socket.timeout, TimeoutError, OSError, wire.ProtocolError, TooDeep) as error:
                worker.kill()
                raise RuntimeError(f"the canary job gave no answer ({error}): {worker.output.text()[-400:]}") from None
            worker.kill()
            return reply["checks"]
        finally:
            os.unlink(planted)

    @property
    def import_seconds(self) -> float:
        return self.ready()["import_s"]

    @property
    def torch_version(self) -> str:
        return self.ready()["torch"]

    def description(self, limits: "Limits") -> dict:
        """What every report says about the sandbox: the backend, its self-check and the limits."""
        self.ready()
        return dict(self.sandbox, limits=limits.as_dict())

    def _read(self) -> None:
        for line in self._reader_file:
            note = json.loads(line)
            with self._cond:
                if "forked" in note:
                    self._forked.append(note["forked"])
                elif "exited" in note:
                    if "wall" in note:
                        self._exits[note["exited"]] = f"killed at its {note['wall']:g} s wall-clock limit"
                    elif "signal" in note:
                        self._exits[note["exited"]] = f"killed by {SIGNAL_NAMES.get(note['signal'], note['signal'])}"
                    else:
                        self._exits[note["exited"]] = f"exited with status {note['code']}"
                self._cond.notify_all()

    def fork(self, device: str, limits: Limits, forbidden=(), assignment: str = "",
             record_grouped: bool = False) -> "Worker":
        """A fresh worker. ``record_grouped``: every forward it runs records the grouped
        convolutions torch is asked for (a task whose grouping must be written by hand); the
        recording costs a Python call per operator, so other tasks go without."""
        self.ready()
        return self._fork(device, limits, self.backend,
                          {"forbidden": list(forbidden), "assignment": assignment, "record_grouped": record_grouped})

    def _fork(self, device: str, limits: Limits, backend: str, extra: dict) -> "Worker":
        gpu = device.startswith("cuda")
        if gpu and not _GPU.acquire(timeout=limits.task_seconds):
            raise RuntimeError("another job held the GPU for longer than a task's budget")
        job_ours, job_theirs = socket.socketpair()
        out_read, out_write = os.pipe()
        cgroup = None
        try:
            cgroup = self.cgroups.create(limits.processes, limits.memory)
            environment = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": self.filesystem["work_dir"], "TMPDIR": "/tmp",
                           "USER": "sandbox", "LOGNAME": "sandbox", "LANG": "C.UTF-8",
                           "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
            environment.update({k: v for k, v in _zygote_environment().items() if k not in ("PATH", "LANG")})
            jail = dict(self.filesystem, uid=self.uid, tmp_size=limits.tmp_size, work_size=limits.tmp_size,
                        shm_size=limits.shm_size, environment=environment,
                        devices=sorted(glob.glob("/dev/nvidia*")) if gpu else [])
            if gpu:
                jail["binds"] = jail["binds"] + ["/sys"]
            request = dict(extra, op="fork", device=device, limits=limits.for_worker(device), backend=backend,
                           jail=jail, cgroup_procs=cgroup.procs_files if cgroup else [],
                           wall_seconds=limits.wall_seconds)
            with self._lock:
                started = time.perf_counter()
                socket.send_fds(self.control, [(json.dumps(request) + "\n").encode()],
                                [job_theirs.fileno(), out_write])
                with self._cond:
                    if not self._cond.wait_for(lambda: self._forked, timeout=30):
                        raise RuntimeError("the sandbox zygote did not fork a worker")
                    pid = self._forked.pop(0)
        except BaseException:
            if gpu:
                _GPU.release()
            if cgroup is not None:
                cgroup.kill_all(timeout=1.0)
                cgroup.remove()
            os.close(out_read)
            job_ours.close()
            raise
        finally:
            job_theirs.close()
            os.close(out_write)
        return Worker(self, pid, job_ours, out_read, limits, time.perf_counter() - started, cgroup,
                      backend, gpu)

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
            if self._early is not None and self._early is not threading.current_thread():
                self._early.join(timeout=30)   # a canary in flight ends (its channel is gone) first
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.cgroups.cleanup()
            if self._slot_lock is not None:
                os.close(self._slot_lock)   # the uid slot is free again (no job of ours is left)
                self._slot_lock = None


class Worker:
    """One task's sandboxed process. Requests are synchronous and each has a deadline."""

    def __init__(self, zygote: Zygote, pid: int, sock: socket.socket, out_fd: int, limits: Limits,
                 fork_seconds: float, cgroup: JobCgroup | None = None, backend: str = "unsandboxed",
                 gpu: bool = False):
        self.zygote = zygote
        self.pid = pid
        self.sock = sock
        self.limits = limits
        self.fork_seconds = fork_seconds
        self.cgroup = cgroup
        self.backend = backend
        self.gpu = gpu
        self.alive = True
        self.output = self._start_output(out_fd, limits.kept_output)

    def _start_output(self, out_fd: int, keep: int):
        return CappedOutput(out_fd, keep)

    def request(self, header: dict, arrays: dict | None = None, timeout: float | None = None,
                max_payload: int | None = None):
        """Send one request; return (reply, arrays). Raises StudentError when the student's code
        raised, WorkerLost when the worker is gone (or used a forbidden import). The whole
        exchange has one deadline, ``timeout`` seconds from now; the reply may hold no more than
        ``reply_bounds`` allows (or ``max_payload`` bytes, where the caller knows better)."""
        if not self.alive:
            raise WorkerLost("worker already stopped")
        timeout = timeout or self.limits.request_seconds
        deadline = time.monotonic() + timeout
        payload, count = reply_bounds(header, arrays)
        if max_payload is not None:
            payload = max_payload
        printed = self.output.total
        try:
            wire.send(self.sock, header, arrays, deadline)
            raw, result = wire.receive(self.sock, payload, deadline, count)
            reply = clean_tree(raw)
        except (socket.timeout, TimeoutError):
            memory = self._memory_cause()
            self.kill()
            if memory:
                raise WorkerLost(*memory) from None
            flood = self.output.total - printed
            if flood > self.limits.output_bytes:
                raise WorkerLost("output limit", msg("the task printed {mib} MiB and gave no answer within {seconds:g} s",
                                                     mib=flood >> 20, seconds=timeout)) from None
            raise WorkerLost("timeout", msg("no answer within {seconds:g} s", seconds=timeout)) from None
        except (wire.ProtocolError, OSError, TooDeep) as error:
            cause = self._cause_of_death(error)   # first: the job's own end, before our kill
            self.kill()
            raise WorkerLost(*cause) from None
        if not reply.get("ok"):
            if reply.get("error_type") == "ForbiddenImport":
                self.kill()
                raise WorkerLost("forbidden import", clean_text(raw.get("error", ""), 2000))
            # Cut from the raw strings, so that a cut message says how long the original was.
            raise StudentError(clean_text(raw.get("error_type", "Error"), 200), clean_text(raw.get("error", "")))
        return reply, result

    def _memory_cause(self) -> tuple[str, str] | None:
        if self.cgroup is not None and self.cgroup.oom_kills():
            return "memory", msg("the task used more than its {mib} MiB and was killed", mib=self.limits.memory >> 20)
        return None

    def _cause_of_death(self, error: Exception) -> tuple[str, str]:
        closed = isinstance(error, wire.ChannelClosed)
        status = self.zygote.exit_status(self.pid, wait=1.0 if closed else 0.0) or "stopped"
        memory = self._memory_cause()
        if memory:
            return memory
        if "wall-clock" in status:
            return "timeout", msg("the job was {status}", status=status)
        if isinstance(error, wire.ChannelClosed):
            if self.cgroup is not None and self.cgroup.refused_forks() and "SIGKILL" in status:
                return "processes", msg("the task reached its {count} processes and was {status}",
                                        count=self.limits.processes, status=status)
            if "SIGKILL" in status or "SIGSEGV" in status or "SIGABRT" in status or "SIGXCPU" in status \
                    or "SIGBUS" in status or "SIGILL" in status or "SIGFPE" in status:
                return "crashed", msg("the worker was {status}", status=status)
            return "exited", msg("the worker {status} (the code called exit or os._exit)", status=status)
        return "protocol", msg("the worker broke the result protocol: {error}", error=clean_text(error, 500))

    def kill(self) -> None:
        """Kill the job whole: the worker (whose death takes its pid namespace with it), and every
        process left in its cgroup; then remove the cgroup."""
        if not self.alive:
            return
        self.alive = False
        targets = [lambda: os.kill(self.pid, signal.SIGKILL)]
        if self.backend == "unsandboxed":
            targets.insert(0, lambda: os.killpg(self.pid, signal.SIGKILL))
        for target in targets:
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass
        if self.cgroup is not None:
            self.cgroup.kill_all()
            self.cgroup.remove()
        self.sock.close()
        if self.gpu:
            self.gpu = False
            _GPU.release()

    def close(self) -> None:
        self.kill()

    def spawn(self, record_grouped: bool = False) -> "SpawnedWorker":
        """A worker for one task, forked by this one (which has replayed the submission and serves
        nothing else) inside its jail. Raises WorkerLost when the fork does not come back as one
        Unix stream socket and a plain reply within the deadline; the caller then forks a fresh
        worker from the zygote instead."""
        if not self.alive:
            raise WorkerLost("worker already stopped")
        deadline = time.monotonic() + self.limits.request_seconds
        channel = None
        try:
            wire.send(self.sock, {"op": "spawn", "record_grouped": bool(record_grouped)}, None, deadline)
            self.sock.settimeout(max(0.001, deadline - time.monotonic()))
            data, fds, _, _ = socket.recv_fds(self.sock, 1, 1)
            for fd in fds[1:]:
                os.close(fd)
            if data != b"\0" or len(fds) != 1:
                raise wire.ProtocolError("the spawned worker's channel did not arrive")
            try:
                channel = socket.socket(fileno=fds[0])
            except OSError:   # not a socket
                os.close(fds[0])
                raise
            if channel.family != socket.AF_UNIX or channel.type != socket.SOCK_STREAM:
                raise wire.ProtocolError("the spawned worker's channel is not a Unix stream socket")
            raw, _ = wire.receive(self.sock, 0, deadline, 0)
            if raw.get("ok") is not True or raw.get("spawned") is not True:
                raise wire.ProtocolError("the replay did not spawn a worker")
        except (wire.ProtocolError, OSError, TimeoutError, ValueError) as error:
            if channel is not None:
                channel.close()
            self.kill()
            raise WorkerLost("protocol", clean_text(error, 500)) from None
        return SpawnedWorker(self, channel)


class SharedOutput:
    """A spawned worker prints into its replay's output pipe: the flood check counts the bytes,
    the replay's own CappedOutput keeps them."""

    def __init__(self, output: CappedOutput):
        self.shared = output

    @property
    def total(self) -> int:
        return self.shared.total

    def text(self) -> str:
        return ""


class SpawnedWorker(Worker):
    """One task's worker, a child of the submission's replay (``Worker.spawn``). Requests are a
    Worker's; any loss is a SpawnLost, and ends the replay's whole job."""

    def __init__(self, host: Worker, sock: socket.socket):
        self.host = host   # first: the output the constructor starts is the host's
        super().__init__(host.zygote, 0, sock, -1, host.limits, 0.0, None, host.backend, False)

    def _start_output(self, out_fd: int, keep: int):
        return SharedOutput(self.host.output)

    def request(self, header: dict, arrays: dict | None = None, timeout: float | None = None,
                max_payload: int | None = None):
        try:
            return super().request(header, arrays, timeout, max_payload)
        except WorkerLost as lost:
            if lost.cause == "forbidden import" and self.host.alive:   # the worker's own answer: a verdict
                raise
            self.host.kill()
            raise SpawnLost(lost.cause, lost.detail) from None

    def _memory_cause(self):
        return None   # the cgroup is the replay's: the rerun in a worker of its own says

    def _cause_of_death(self, error: Exception) -> tuple[str, str]:
        return "spawned", clean_text(error, 500)

    def kill(self) -> None:
        """Close the channel: the child ends when it reads the end of it. One that does not is
        ended with its replay's job (by the next loss, or when the submission is done)."""
        if not self.alive:
            return
        self.alive = False
        self.sock.close()
