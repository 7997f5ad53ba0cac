"""Per-job control groups, made and emptied by the grader: a bound on processes and memory that
holds for root too, a complete list of a job's processes to kill, and the evidence (OOM kills,
refused forks) behind the causes "memory" and "processes".

Version 2 (unified hierarchy): one directory per job with ``pids.max`` and ``memory.max``, under a
``classic-grade-<pid>-<id>`` directory at the hierarchy's root whose ``cgroup.subtree_control``
enables the two controllers. Version 1: one directory per controller (``pids``, ``memory``)
below the grader's own cgroup in that hierarchy. Where neither is writable (a grader that is not
root), there are no cgroups and the sandbox's other bounds apply (see SANDBOX.md).
"""
from __future__ import annotations

import os
import signal
import time
import uuid
from pathlib import Path

MOUNTS = Path("/proc/self/mounts")


def _mounts() -> list[tuple[str, str, str]]:
    try:
        lines = MOUNTS.read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 4:
            found.append((parts[1], parts[2], parts[3]))
    return found


def _own_path(controller: str | None) -> str:
    """This process's cgroup path in the v1 hierarchy of ``controller`` (None: the v2 one)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return "/"
    for line in lines:
        _, names, path = line.split(":", 2)
        if (controller is None and names == "") or (controller and controller in names.split(",")):
            return path
    return "/"


def _write(path: Path, value: str) -> None:
    with open(path, "w") as handle:
        handle.write(value)


class JobCgroup:
    """One job's cgroup directories (one per v1 controller, or one v2 directory)."""

    def __init__(self, version: int, directories: dict[str, Path]):
        self.version = version
        self.directories = directories     # controller ("pids", "memory", or "unified") -> dir

    @property
    def procs_files(self) -> list[str]:
        return [str(d / "cgroup.procs") for d in self.directories.values()]

    def pids(self) -> set[int]:
        found = set()
        for directory in self.directories.values():
            try:
                found.update(int(p) for p in (directory / "cgroup.procs").read_text().split())
            except OSError:
                pass
        return found

    def _events(self, controller: str, name: str) -> int:
        directory = self.directories.get(controller) or self.directories.get("unified")
        if directory is None:
            return 0
        files = {"memory": ["memory.events"] if self.version == 2 else ["memory.oom_control"],
                 "pids": ["pids.events"]}[controller]
        for file in files:
            try:
                for line in (directory / file).read_text().splitlines():
                    key, _, value = line.partition(" ")
                    if key == name:
                        return int(value)
            except (OSError, ValueError):
                pass
        return 0

    def oom_kills(self) -> int:
        return self._events("memory", "oom_kill")

    def refused_forks(self) -> int:
        return self._events("pids", "max")

    def kill_all(self, timeout: float = 5.0) -> bool:
        """SIGKILL every process in the job's cgroup until it is empty (True) or ``timeout`` passed.
        A pids.max bound keeps this loop finite against a fork bomb."""
        unified = self.directories.get("unified")
        if unified is not None and (unified / "cgroup.kill").exists():
            try:
                _write(unified / "cgroup.kill", "1")
            except OSError:
                pass
        deadline = time.monotonic() + timeout
        while True:
            alive = self.pids()
            if not alive:
                return True
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)

    def remove(self, timeout: float = 1.0) -> bool:
        """rmdir the job's directories (they are busy while a killed process is not yet reaped)."""
        deadline = time.monotonic() + timeout
        remaining = list(self.directories.values())
        while remaining:
            for directory in list(remaining):
                try:
                    directory.rmdir()
                    remaining.remove(directory)
                except FileNotFoundError:
                    remaining.remove(directory)
                except OSError:
                    pass
            if not remaining or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        return not remaining


class Cgroups:
    """The cgroups this grading run may create, detected once; ``None`` fields where unwritable."""

    def __init__(self, root: Path = Path("/sys/fs/cgroup")):
        self.version = 0
        self.bases: dict[str, Path] = {}
        self.problem = ""
        self._counter = 0
        tag = f"classic-grade-{os.getpid()}-{uuid.uuid4().hex[:8]}"   # one per zygote
        mounts = _mounts()
        unified = [m for m, fs, _ in mounts if fs == "cgroup2" and m == str(root)]
        try:
            if unified:
                self._setup_v2(root / tag)
            else:
                self._setup_v1(mounts, tag)
        except OSError as error:
            self.problem = f"{error.strerror or error}"
            self.cleanup()
            self.bases = {}
            self.version = 0

    def _setup_v2(self, base: Path) -> None:
        controllers = (base.parent / "cgroup.controllers").read_text().split()
        if not {"pids", "memory"} <= set(controllers):
            raise OSError(0, "the pids and memory controllers are not available in cgroup v2")
        enabled = (base.parent / "cgroup.subtree_control").read_text().split()
        if not {"pids", "memory"} <= set(enabled):
            _write(base.parent / "cgroup.subtree_control", "+pids +memory")
        base.mkdir(exist_ok=True)
        self.bases = {"unified": base}
        _write(base / "cgroup.subtree_control", "+pids +memory")
        self.version = 2

    def _setup_v1(self, mounts, tag: str) -> None:
        for controller in ("pids", "memory"):
            mount = next((m for m, fs, options in mounts if fs == "cgroup" and controller in options.split(",")), None)
            if mount is None:
                raise OSError(0, f"no cgroup v1 {controller} hierarchy")
            base = Path(mount) / _own_path(controller).lstrip("/") / tag
            base.mkdir(exist_ok=True)
            self.bases[controller] = base
        self.version = 1

    @property
    def available(self) -> bool:
        return self.version != 0

    def describe(self) -> str:
        return f"v{self.version}" if self.version else f"none ({self.problem or 'not writable'})"

    def create(self, processes: int, memory: int) -> JobCgroup | None:
        if not self.version:
            return None
        self._counter += 1
        name = f"job-{self._counter}"
        directories = {}
        try:
            for controller, base in self.bases.items():
                directory = base / name
                directory.mkdir()
                directories[controller] = directory
            job = JobCgroup(self.version, directories)
            if self.version == 2:
                directory = directories["unified"]
                _write(directory / "pids.max", str(processes))
                if memory:
                    _write(directory / "memory.max", str(memory))
                    if (directory / "memory.swap.max").exists():
                        _write(directory / "memory.swap.max", "0")
            else:
                _write(directories["pids"] / "pids.max", str(processes))
                if memory:
                    _write(directories["memory"] / "memory.limit_in_bytes", str(memory))
                    memsw = directories["memory"] / "memory.memsw.limit_in_bytes"
                    if memsw.exists():
                        try:
                            _write(memsw, str(memory))
                        except OSError:
                            pass
            return job
        except OSError:
            JobCgroup(self.version, directories).remove(timeout=0.1)
            raise

    def cleanup(self) -> None:
        """Remove what this run created (job directories a slow reap left behind, then the bases)."""
        for base in self.bases.values():
            if not base.exists():
                continue
            for child in base.iterdir():
                if child.is_dir():
                    job = JobCgroup(self.version, {"x": child})
                    job.kill_all(timeout=1.0)
                    job.remove(timeout=1.0)
            try:
                base.rmdir()
            except OSError:
                pass
