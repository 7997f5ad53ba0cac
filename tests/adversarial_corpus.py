"""The adversarial corpus as data: each entry's header, how to build it into a submission, and the
host-side evidence (file hashes, processes) the tests compare before and after grading it.

An entry is one file under ``tests/adversarial/<assignment>/`` whose header names
``TASK:`` (the tasks it attacks, or ``all``), ``CAUSE:`` (``|``-separated causes the report must
name; ``answer`` means an ordinary wrong answer; empty means the entry is honest and must keep full
marks) and ``BASE:`` (``correct``: the entry is overlaid on the assignment's correct example, so the
tasks it does not redefine keep their marks; ``none``: the file is the whole submission; a file name:
overlaid on that entry of the same day, which holds what the two share; ``classic_grade.overlays``)
and, optionally, ``BOUND: below-full`` for an honest fault, which may keep partial credit but not full marks.
Placeholders such as ``{{CANARY}}`` are filled with paths the test planted.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from classic_grade.overlays import entry_source, resolve
from corpus_support import header_fields

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).with_name("adversarial")
EXAMPLES = ROOT / "autograder" / "classic_grade" / "examples"
HEADER_KEYS = ("TASK", "CAUSE", "BASE", "BOUND")   # read as the corpus's headers are (corpus_support)
# The lead's contract: a check whose worker was lost says why, first.
LOST_CAUSES = ("timeout", "memory", "processes", "output limit", "disk", "crashed", "exited", "protocol",
               "forbidden import")


@dataclass(frozen=True)
class Entry:
    assignment: str
    path: Path
    tasks: tuple[str, ...]          # empty: every task of the assignment
    causes: tuple[str, ...]         # empty: honest, must keep full marks
    base: str                       # what the BASE chain ends on: "correct" (the example) or "none"
    bound: str = "stub"   # an attack gains nothing over the empty stub; an honest fault (below-full) just loses marks

    @property
    def name(self) -> str:
        return f"{self.assignment}/{self.path.name}"

    def build(self, directory: Path, fill: dict[str, str]) -> Path:
        text = entry_source(self.path, EXAMPLES / self.assignment / "correct.py")
        for key, value in fill.items():
            text = text.replace("{{" + key + "}}", value)
        target = directory / (self.assignment + self.path.suffix)
        target.write_text(text)
        return target

    def names_cause(self, message: str) -> bool:
        for cause in self.causes:
            if cause == "answer":
                if not message.startswith(tuple(c + ":" for c in LOST_CAUSES)):
                    return True
            elif cause in LOST_CAUSES:
                if message.startswith(cause + ":"):
                    return True
            elif re.search(cause, message):
                return True
        return False


def entries() -> list[Entry]:
    found = []
    for path in sorted(CORPUS.glob("*/*")):
        if path.suffix not in (".py", ".ipynb"):
            continue
        header = dict(header_fields(path.read_text()[:4000], HEADER_KEYS))
        missing = {"TASK", "CAUSE", "BASE"} - header.keys()
        if missing:
            raise ValueError(f"{path}: header lacks {sorted(missing)}")
        tasks = () if header["TASK"] == "all" else tuple(t.strip() for t in header["TASK"].split(","))
        causes = tuple(c.strip() for c in header["CAUSE"].split("|") if c.strip())
        base = "correct" if resolve(path).on_example else "none"
        found.append(Entry(path.parent.name, path, tasks, causes, base, header.get("BOUND", "stub")))
    return found


def digest_files(paths) -> dict[str, str]:
    """Content hash (or the symlink target, or 'absent') of each path: any change shows."""
    hashes = {}
    for path in map(Path, paths):
        if path.is_symlink():
            hashes[str(path)] = "symlink->" + os.readlink(path)
        elif path.is_file():
            hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            hashes[str(path)] = "absent" if not path.exists() else "other"
    return hashes


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory)) if directory.exists() else []


PR_SET_CHILD_SUBREAPER = 36


def set_subreaper(on: bool) -> None:
    """Make this process the reaper of its orphaned descendants (Linux 3.4+), so that a job that
    daemonises (double fork, setsid) stays in this process's tree, where the scan below finds it."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


PF_EXITING = 0x4   # the kernel's "getting shut down" flag, field 9 of /proc/PID/stat


def _stat(pid: int) -> tuple[int, int, str]:
    """(parent pid, start time in clock ticks since boot, state) from /proc/PID/stat, which any
    process may read, even one whose environment and memory are hidden. A process already exiting
    has state "X": between its SIGKILL and its zombie the kernel still lists it (a pid namespace's
    init waits there until all of its namespace is reaped), with its memory gone."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    state = "X" if int(fields[6]) & PF_EXITING else fields[0]
    return int(fields[1]), int(fields[19]), state


def start_ticks() -> int:
    """Now, in /proc/PID/stat's start-time unit: processes started from here on have a start >= it."""
    return int(float(Path("/proc/uptime").read_text().split()[0]) * os.sysconf("SC_CLK_TCK"))


@dataclass
class Scope:
    """What makes a process this run's: its marker (in the environment of everything its zygotes
    exec), its graders' own uid slots and cgroups (each unique on the host while the grader lives),
    and descent from ``root`` (a subreaper, see set_subreaper) since ``since``. Another grader on the
    same machine has none of these, so its processes are neither counted nor killed."""
    marker: str
    root: int
    since: int
    uids: set[int]
    cgroup_bases: list[Path]
    exclude: set[int]         # the live zygotes themselves (and this process)

    @classmethod
    def of(cls, marker: str, graders, since: int) -> "Scope":
        """The scope of ``graders`` (those whose zygote is alive count) seen from this process."""
        live = [g for g in graders if g.zygote.process.poll() is None]
        return cls(marker, os.getpid(), since, {g.zygote.uid for g in live},
                   [base for g in live for base in g.zygote.cgroups.bases.values()],
                   {g.zygote.process.pid for g in live} | {os.getpid()})


def _cgroup_members(bases) -> set[int]:
    found = set()
    for base in bases:
        for procs in Path(base).rglob("cgroup.procs"):
            try:
                found.update(int(p) for p in procs.read_text().split())
            except (OSError, ValueError):
                pass
    return found


def grader_processes(scope: Scope) -> dict[int, str]:
    """The live processes of this run's graders other than their zygotes, with why each counts."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                table[int(entry)] = _stat(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    in_cgroups = _cgroup_members(scope.cgroup_bases)
    found = {}
    for pid, (parent, started, state) in table.items():
        if pid in scope.exclude or state in ("Z", "X"):
            continue
        why = "in this run's cgroups" if pid in in_cgroups else None
        try:
            uid = os.stat(f"/proc/{pid}").st_uid
        except OSError:
            continue
        if why is None and uid in scope.uids:
            why = f"runs as this run's sandbox uid {uid}"
        if why is None and started >= scope.since and _descends(pid, scope.root, table):
            why = "started by this run"
        if why is None:
            try:
                if scope.marker.encode() in Path(f"/proc/{pid}/environ").read_bytes():
                    why = "carries this run's marker"
            except OSError:
                pass
        if why is not None:
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                cmdline = ""
            found[pid] = f"{why}: {cmdline[:200]}"
    return found


def settled_grader_processes(scope: Scope, seconds: float = 5.0) -> dict[int, str]:
    """grader_processes once what was just killed has had up to ``seconds`` to go: SIGKILL is
    delivered when its target next runs, which on a busy machine may be a while after kill()."""
    deadline = time.monotonic() + seconds
    while True:
        left = grader_processes(scope)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def _descends(pid: int, root: int, table) -> bool:
    seen = set()
    while pid in table and pid not in seen:
        seen.add(pid)
        pid = table[pid][0]
        if pid == root:
            return True
    return False
