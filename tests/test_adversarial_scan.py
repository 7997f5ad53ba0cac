"""The attacks' leftover scan (adversarial_corpus.grader_processes) finds what its own graders left
running and nothing of another grader on the same machine: that is what lets tests/test_adversarial.py
run beside the rest of the suite, whose graders it must neither count nor kill."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from adversarial_corpus import ROOT, Scope, grader_processes, set_subreaper, settled_grader_processes, start_ticks
from classic_grade import Grader
from classic_grade.sandbox import Limits
from classic_grade.sandbox.pool import UID_BASE, UID_SLOTS

SANDBOX_UIDS = range(UID_BASE + 1, UID_BASE + 1 + UID_SLOTS)   # every grader's worker uids (SANDBOX.md)
MARKER_KEY = "CLASSIC_GRADE_ADVERSARIAL_RUN"
# Another grading run on this machine: a grader with an idle sandboxed worker, started outside this
# process's tree (setsid -f: its parent exits at once), as another helper's or user's would be.
FOREIGN = """
import sys
from classic_grade import Grader
from classic_grade.sandbox import Limits
grader = Grader("cpu")
worker = grader.zygote.fork("cpu", Limits())
print(worker.pid, flush=True)
sys.stdin.read()
worker.kill()
grader.close()
"""


DAEMON = """
import subprocess
print(subprocess.Popen(["sleep", "600"], start_new_session=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL).pid)
"""


def _environment(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != MARKER_KEY}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference"), env.get("PYTHONPATH", "")])
    return {**env, **extra}


def _tree(root: int) -> set[int]:
    """``root`` and its live descendants (a jailed worker is a few nested processes)."""
    parents = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            pass
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return tree


def _uid(pid: int) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None


@pytest.fixture
def foreign_worker():
    """The pid of another grader's live sandboxed worker, which the scan must leave alone."""
    set_subreaper(False)   # so that the foreign grader is adopted by init, not by this process
    launcher = subprocess.Popen(["setsid", "-f", sys.executable, "-c", FOREIGN], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, env=_environment(), text=True)
    launcher.wait(timeout=30)
    line = launcher.stdout.readline()
    assert line.strip().isdigit(), "the foreign grader did not start"
    worker = int(line)
    # Once jailed, it runs as a sandbox uid: what the old, machine-wide scan counted and killed.
    deadline = time.monotonic() + 60
    while not any(_uid(pid) in SANDBOX_UIDS for pid in _tree(worker)):
        assert time.monotonic() < deadline, f"the foreign worker was not jailed: {_tree(worker)}"
        time.sleep(0.1)
    yield worker
    launcher.stdin.close()   # the foreign grader reads its stdin to the end, then closes its worker
    launcher.stdout.close()


@pytest.fixture
def own_grader():
    marker = uuid.uuid4().hex
    os.environ[MARKER_KEY] = marker
    try:
        grader = Grader("cpu")
    finally:
        del os.environ[MARKER_KEY]
    yield marker, grader
    grader.close()
    set_subreaper(False)


def test_the_scan_finds_its_own_graders_leftovers_and_not_another_graders(own_grader, foreign_worker):
    marker, grader = own_grader
    since = start_ticks()
    foreign = _tree(foreign_worker)
    worker = grader.zygote.fork("cpu", Limits())    # a sleeping sandboxed process the grade did not end
    # and one that daemonised (its parent gone, a session of its own), carrying the run's environment
    set_subreaper(True)
    daemon = subprocess.run([sys.executable, "-c", DAEMON], capture_output=True, text=True, timeout=60,
                            env=_environment(**{MARKER_KEY: marker}))
    orphan = int(daemon.stdout)
    try:
        found = grader_processes(Scope.of(marker, [grader], since))
        assert worker.pid in found, found
        assert orphan in found and "sleep 600" in found[orphan], found
        assert grader.zygote.process.pid not in found and os.getpid() not in found
        assert not foreign & set(found) and all(os.path.exists(f"/proc/{pid}") for pid in foreign), found
        assert {_uid(pid) for pid in found} <= {grader.zygote.uid, os.getuid(), None}, found
    finally:
        worker.kill()
        os.kill(orphan, signal.SIGKILL)
        os.waitpid(orphan, 0)   # adopted by this process (the subreaper): reaped here
    # The killed worker's jail goes on its own time: its namespace's init outlives the kill by a
    # moment (it is reaped by the zygote, not here); what matters is that it goes.
    assert settled_grader_processes(Scope.of(marker, [grader], since)) == {}


def test_the_scan_sees_nothing_of_an_idle_grader(own_grader):
    marker, grader = own_grader
    since = start_ticks()
    grader.grade(ROOT / "autograder" / "classic_grade" / "examples" / "day19" / "correct.py", "day19", "all",
                 tasks=["conv_params"])
    assert grader_processes(Scope.of(marker, [grader], since)) == {}
