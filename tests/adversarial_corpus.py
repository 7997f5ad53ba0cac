"""The adversarial corpus as data: each entry's header, how to build it into a submission, and the
host-side evidence (file hashes, processes) the tests compare before and after grading it.

An entry is one file under ``tests/adversarial/<assignment>/`` whose header names
``TASK:`` (the tasks it attacks, or ``all``), ``CAUSE:`` (``|``-separated causes the report must
name; ``answer`` means an ordinary wrong answer; empty means the entry is honest and must keep full
marks) and ``BASE:`` (``correct``: the entry is appended to the assignment's correct example, so the
tasks it does not redefine keep their marks; ``none``: the file is the whole submission) and, optionally, ``BOUND: below-full`` for an honest
fault, which may keep partial credit but not full marks.
Placeholders such as ``{{CANARY}}`` are filled with paths the test planted.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

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
    base: str
    bound: str = "stub"   # an attack gains nothing over the empty stub; an honest fault (below-full) just loses marks

    @property
    def name(self) -> str:
        return f"{self.assignment}/{self.path.name}"

    def build(self, directory: Path, fill: dict[str, str]) -> Path:
        text = self.path.read_text()
        for key, value in fill.items():
            text = text.replace("{{" + key + "}}", value)
        if self.base == "correct":
            text = (EXAMPLES / self.assignment / "correct.py").read_text() + "\n" + text
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
        found.append(Entry(path.parent.name, path, tasks, causes, header["BASE"], header.get("BOUND", "stub")))
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


SANDBOX_UIDS = range(60000, 65001)   # the sandbox's per-slot uids (SANDBOX.md)


def sandbox_processes(marker: str, zygote_script: str, zygote_pids) -> dict[int, str]:
    """Processes descended from our grading run other than the zygotes themselves: those whose
    environment carries this run's marker (exec'd children inherit it), whose command line is a
    fork of our zygote (forks keep it, even when daemonised and reparented), or that run as a
    sandbox uid (a jailed job's environment is cleared and its /proc/PID/environ unreadable)."""
    zygote_pids = {zygote_pids} if isinstance(zygote_pids, int) else set(zygote_pids)
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) in zygote_pids | {os.getpid()}:
            continue
        try:
            if os.stat(f"/proc/{entry}").st_uid in SANDBOX_UIDS:
                found[int(entry)] = f"uid {os.stat(f'/proc/{entry}').st_uid}"
                continue
        except OSError:
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            try:
                environ = Path(f"/proc/{entry}/environ").read_bytes()
            except OSError:
                environ = b""
        except OSError:
            continue
        # The zygote's environment carries the marker, and its forks keep it; the command line alone
        # would also match the zygotes of another grading run on the same machine.
        if marker.encode() in environ or (zygote_script in cmdline and not environ):
            found[int(entry)] = cmdline[:200]
    return found
