"""Per-job control groups, made and emptied by the grader: a bound on processes and memory that
holds for root too, a complete list of a job's processes to kill, and the evidence (OOM kills,
refused forks) behind the causes "memory" and "processes".

Version 2 (unified hierarchy): one directory per job with ``pids.max`` and ``memory.max``, under a
``classic-grade-<pid>-<id>`` directory at the hierarchy's root whose ``cgroup.subtree_control``
enables the two controllers. Version 1: one directory per controller (``pids``, ``memory``)
below the grader's own cgroup in that hierarchy. Where neither is writable (a grader that is not
root), there are no cgroups and the sandbox's other bounds apply (see SANDBOX.md).

A grader's directories are removed when it closes, by its zygote when the grader died, and
otherwise (both killed at once) by the next grader to start on the host: ``reap_stale`` removes
every ``classic-grade-<pid>-<id>`` directory whose owner ``<pid>`` is no longer the process that
made it, and kills what is left in it.
"""
from __future__ import annotations

import os
import re
import signal
import time
import uuid
from pathlib import Path

MOUNTS = Path("/proc/self/mounts")
BASE_NAME = re.compile(r"^classic-grade-(\d+)-[0-9a-f]{8}$")
STALE_SEARCH_DEPTH = 3      # v1 bases sit below the grader's own cgroup (e.g. /process_api/<id>/)


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
        pause = 0.0005   # a killed job is usually gone within a few milliseconds: look again soon
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
            time.sleep(pause)
            pause = min(pause * 1.25, 0.02)

    def remove(self, timeout: float = 1.0) -> bool:
        """rmdir the job's directories (they are busy while a killed process is not yet reaped)."""
        deadline = time.monotonic() + timeout
        remaining = list(self.directories.values())
        pause = 0.0005
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
            time.sleep(pause)
            pause = min(pause * 1.25, 0.02)
        return not remaining


def remove_base(base, timeout: float = 1.0) -> bool:
    """Kill whatever is left in a grader's base directory's job cgroups, remove them, then the base."""
    base = Path(base)
    deadline = time.monotonic() + timeout
    while True:
        try:
            children = [c for c in base.iterdir() if c.is_dir()]
        except FileNotFoundError:
            return True
        except OSError:
            children = []
        for child in children:
            job = JobCgroup(0, {"job": child})
            job.kill_all(timeout=max(deadline - time.monotonic(), 0.1))
            job.remove(timeout=max(deadline - time.monotonic(), 0.1))
        try:
            base.rmdir()
            return True
        except FileNotFoundError:
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)


def _start_time(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), or None when there is no such process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, StopIteration):
        return None


def owner_is_gone(directory: Path) -> bool:
    """The grader named in the directory is dead: no such pid, or one started after the directory
    was made (the pid was reused). Directories not named by a grader are never ours to judge."""
    match = BASE_NAME.match(directory.name)
    if match is None:
        return False
    started = _start_time(int(match.group(1)))
    if started is None:
        return True
    try:
        made = directory.stat().st_ctime
    except OSError:
        return False
    return started > made + 2.0     # clock-tick rounding; a reused pid starts much later


def stale_bases(roots) -> list[Path]:
    """Every grader base directory below ``roots`` (a few levels down) whose owner is gone."""
    found = []
    frontier = [(Path(root), 0) for root in roots]
    while frontier:
        directory, depth = frontier.pop()
        try:
            children = [c for c in directory.iterdir() if c.is_dir() and not c.is_symlink()]
        except OSError:
            continue
        for child in children:
            if BASE_NAME.match(child.name):
                if owner_is_gone(child):
                    found.append(child)
            elif depth + 1 < STALE_SEARCH_DEPTH:
                frontier.append((child, depth + 1))
    return sorted(found)


def reap_stale(roots) -> list[Path]:
    """Remove the base directories (and kill the jobs) of graders that died without cleaning up."""
    reaped = []
    for base in stale_bases(roots):
        if remove_base(base, timeout=1.0):
            reaped.append(base)
    return reaped


class Cgroups:
    """The cgroups this grading run may create, detected once; ``None`` fields where unwritable.
    Creating one first reaps what dead graders left behind in the same hierarchies."""

    def __init__(self, root: Path = Path("/sys/fs/cgroup")):
        self.version = 0
        self.bases: dict[str, Path] = {}
        self.problem = ""
        self._counter = 0
        tag = f"classic-grade-{os.getpid()}-{uuid.uuid4().hex[:8]}"   # one per zygote
        mounts = _mounts()
        unified = [m for m, fs, _ in mounts if fs == "cgroup2" and m == str(root)]
        self.reaped = reap_stale(unified or [m for m, fs, options in mounts if fs == "cgroup" and
                                             {"pids", "memory"} & set(options.split(","))])
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
            remove_base(base, timeout=2.0)
