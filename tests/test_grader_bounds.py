"""The grader bounds its own work: one deadline per request, replies capped by what the request can
return, every worker string cleaned before a report carries it, printing drained instead of fatal,
and jobs (and their cgroups) that die with their grader. Grades this helper's adversarial entries
directly (tests/adversarial/*: the reply, string, flood and sleeper entries) and asserts on them."""
import io
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from adversarial_corpus import ROOT, entries
from classic_grade import Grader
from classic_grade.grading import Report, TaskResult
from classic_grade.checks.outcome import CheckResult
from classic_grade.reports import FORMATS, render_text
from classic_grade.safe_text import clean_text, clean_tree
from classic_grade.sandbox import Limits, cgroups, wire
from classic_grade.sandbox.pool import CappedOutput, Zygote, claim_uid_slot, reply_bounds

ENTRIES = {entry.name: entry for entry in entries()}
LIMITS = Limits(request_seconds=3.0, task_seconds=25.0, cpu_seconds=30, memory=1 << 30)
HOSTILE = "bad \ud800 value \x00\x01\x1b[2J\ufffe " + "y" * (4 << 20)


# -- strings --------------------------------------------------------------------------------------

def test_clean_text_escapes_what_utf8_and_xml_cannot_hold_and_caps_the_length():
    cleaned = clean_text("a\ud800b\x01c\x1bd\tok\n\ufffe", 100)
    assert cleaned == "a\\ud800b\\x01c\\x1bd\tok\n\\ufffe"
    cleaned.encode("utf-8")
    huge = clean_text("h" * 1000 + "x" * (8 << 20) + "t" * 1000, 4000)
    assert len(huge) < 4100 and huge.startswith("h" * 1000) and huge.endswith("t" * 1000)
    assert f"{1000 + (8 << 20) + 1000} characters in all" in huge


def test_clean_tree_cleans_keys_and_values_and_refuses_absurd_nesting():
    tree = clean_tree({"k\udc80": ["v\x01", ("t\ud800", 3)], "n": 1.5})
    assert tree == {"k\\udc80": ["v\\x01", ("t\\ud800", 3)], "n": 1.5}
    deep = []
    for _ in range(200):
        deep = [deep]
    with pytest.raises(ValueError):
        clean_tree(deep)


def _hostile_report():
    checks = [CheckResult("same_function", "same \x01 function", 2.0, "public", False, HOSTILE),
              CheckResult("output_shape", "output shape", 1.0, "public", True, "")]
    return Report("day19", "sub\udcffmission.py", "0" * 64, [TaskResult("conv_params", checks, 1.0)], 2.0,
                  notes=["note \ud800\x02"], errors=["error \x0b" + "z" * (1 << 20)],
                  environment={"device": "cpu\x01", "sandbox": {"backend": "namespaces"}})


def test_every_report_format_is_valid_and_small_for_hostile_strings():
    report = _hostile_report()
    for name, render in FORMATS.items():
        text = render(report)
        text.encode("utf-8")
        assert len(text) < 200_000, (name, len(text))
        if name == "junit":
            ET.fromstring(text.encode("utf-8"))
        else:
            json.loads(text)
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=120))
    buffer.getvalue().encode("utf-8")
    assert "\x1b[2J" not in buffer.getvalue() and len(buffer.getvalue()) < 200_000


# -- the channel ----------------------------------------------------------------------------------

def test_a_trickled_reply_is_cut_off_at_the_one_deadline_not_per_byte():
    ours, theirs = socket.socketpair()
    stop = threading.Event()

    def trickle():
        theirs.sendall(b"\x00\x00\x10\x00")
        while not stop.wait(0.2):
            try:
                theirs.sendall(b" ")
            except OSError:
                return

    threading.Thread(target=trickle, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(wire.DeadlinePassed):
        wire.receive(ours, 0, time.monotonic() + 1.0)
    stop.set()
    assert time.monotonic() - started < 3.0
    ours.close(), theirs.close()


def test_an_oversized_reply_is_refused_from_its_header_before_a_byte_of_it_is_allocated():
    ours, theirs = socket.socketpair()
    header = json.dumps({"ok": True, "arrays": [["output", "float32", [1 << 28]]]}).encode()
    theirs.sendall(len(header).to_bytes(4, "big") + header + bytes(1 << 16))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(wire.ProtocolError, match="limit"):
        wire.receive(ours, 64 << 20, time.monotonic() + 5)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 << 10   # KiB: under 64 MiB
    ours.close(), theirs.close()
    ours, theirs = socket.socketpair()   # the refused frame's bytes are still queued on the first
    header = json.dumps({"ok": True, "arrays": [[f"a{i}", "uint8", [1]] for i in range(100)]}).encode()
    theirs.sendall(len(header).to_bytes(4, "big") + header)
    with pytest.raises(wire.ProtocolError, match="arrays"):
        wire.receive(ours, 1 << 20, time.monotonic() + 5, max_arrays=10)
    ours.close(), theirs.close()


def test_a_stalled_reader_cannot_hold_a_send_past_its_deadline():
    ours, theirs = socket.socketpair()
    started = time.monotonic()
    with pytest.raises(wire.DeadlinePassed):
        wire.send(ours, {"op": "run"}, {"input": np.zeros(16 << 20, np.float32)}, time.monotonic() + 1.0)
    assert time.monotonic() - started < 3.0
    ours.close(), theirs.close()


def test_reply_bounds_follow_what_the_request_can_return():
    for op in ("load", "call", "build", "shapes"):
        assert reply_bounds({"op": op}, {}) == (0, 0)
    x = np.zeros((2, 3, 8, 8), np.float32)
    values = {"value:w": np.zeros((16, 3, 3, 3), np.float32)}
    forward, count = reply_bounds({"op": "run"}, dict(values, input=x))
    assert 8 * x.nbytes < forward < 64 << 20 and count >= 4
    backward, _ = reply_bounds({"op": "run"}, dict(values, input=x, grad_output=np.zeros((2, 64, 8, 8), np.float32)))
    assert backward >= 2 * (x.nbytes + 2 * 16 * 27 * 4 + 2 * 64 * 64 * 4)
    assert reply_bounds({"op": "a new op"}, {})[0] < 1 << 30


# -- printing -------------------------------------------------------------------------------------

def test_output_past_the_kept_cap_is_drained_and_discarded():
    read, write = os.pipe()
    output = CappedOutput(read, 1024)
    chunk = b"x" * (1 << 20)
    os.write(write, b"HEAD" + chunk[:-4])
    for _ in range(63):
        os.write(write, chunk)
    os.write(write, b"the end")
    os.close(write)
    output.thread.join(timeout=30)
    text = output.text()
    assert output.total == (64 << 20) + 7
    assert text.startswith("HEAD") and text.endswith("the end") and len(text) < 4096


# -- uid slots and cgroups ------------------------------------------------------------------------

def test_uid_slots_are_exclusive_while_held_and_free_once_released(tmp_path):
    first, fd1 = claim_uid_slot(tmp_path)
    second, fd2 = claim_uid_slot(tmp_path)
    assert first != second
    os.close(fd1)
    again, fd3 = claim_uid_slot(tmp_path)
    assert again == first
    os.close(fd2), os.close(fd3)


def test_two_concurrent_zygotes_get_different_sandbox_uids():
    one, two = Zygote(), Zygote()
    try:
        assert one.uid != two.uid and {one.uid, two.uid} <= set(range(60001, 65001))
    finally:
        one.close(), two.close()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_cgroup_bases_of_dead_graders_are_reaped_and_live_ones_kept(tmp_path, monkeypatch):
    hierarchy = tmp_path / "pids"
    dead = hierarchy / "slice" / f"classic-grade-{_dead_pid()}-0123abcd"
    (dead / "job-1").mkdir(parents=True)   # (a real job directory's files vanish with it; no files here)
    live = hierarchy / f"classic-grade-{os.getpid()}-89abcdef"
    live.mkdir()
    other = hierarchy / "classic-grade-not-a-grader"
    other.mkdir()
    assert cgroups.stale_bases([hierarchy]) == [dead]
    assert cgroups.reap_stale([hierarchy]) == [dead]
    assert not dead.exists()
    assert live.exists() and other.exists()   # empty: an rmdir aimed at them would have succeeded


# -- grading this helper's entries ---------------------------------------------------------------

@pytest.fixture(scope="module")
def bounded():
    with Grader("cpu", LIMITS) as grader:
        yield grader


def _grade(grader, tmp_path, name, tasks=None, limits=None):
    entry = ENTRIES[name]
    path = entry.build(tmp_path, {})
    grader.limits = limits or LIMITS
    started = time.perf_counter()
    report = grader.grade(path, entry.assignment, "all", tasks=tasks or list(entry.tasks), reveal_hidden=True)
    return report, time.perf_counter() - started


def _messages(report):
    return {(t.name, c.id): c.message for t in report.tasks for c in t.checks}


def test_a_reply_trickled_a_byte_a_second_times_out_at_the_request_deadline(bounded, tmp_path):
    # Any deadline short of the 4,000 s a per-byte timeout would wait proves it; 1.5 s keeps the
    # suite from sleeping.
    limits = Limits(request_seconds=1.5, task_seconds=25.0, cpu_seconds=30, memory=1 << 30)
    report, elapsed = _grade(bounded, tmp_path, "day19/reply_trickled_a_byte_per_second.py", limits=limits)
    messages = [m for m in _messages(report).values() if m]
    assert report.score == 0 and messages and all(m.startswith("timeout:") for m in messages)
    # Two checks, each one request of 1.5 s (a per-byte timeout would wait 4,000 s per request).
    assert elapsed < 60, elapsed


@pytest.mark.parametrize("name", ["day19/reply_declares_a_gigabyte_output.py", "day21/reply_claims_arrays_for_a_count.py"])
def test_a_reply_past_its_cap_kills_the_worker_as_protocol(bounded, tmp_path, name):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report, _ = _grade(bounded, tmp_path, name)
    failed = [m for m in _messages(report).values() if m]
    assert report.score == 0 and any(m.startswith("protocol:") for m in failed), failed
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 256 << 10   # KiB: < 256 MiB


@pytest.mark.parametrize("name", ["day19/surrogates_and_controls_in_errors.py", "day22/surrogate_parameter_name.py",
                                  "day20/replaced_exception_formatter.py"])
def test_hostile_strings_give_a_valid_small_report_in_every_format(bounded, tmp_path, name):
    report, _ = _grade(bounded, tmp_path, name)
    assert report.score == 0 and report.tasks
    for render in FORMATS.values():
        text = render(report)
        text.encode("utf-8")
        assert len(text) < 400_000
    ET.fromstring(FORMATS["junit"](report).encode("utf-8"))
    json.loads(FORMATS["json"](report))
    messages = " ".join(_messages(report).values())
    assert not any(m.startswith(("protocol:", "crashed:", "the grader failed")) for m in _messages(report).values())
    if name.endswith("surrogates_and_controls_in_errors.py"):
        assert "\\ud800" in messages and "\\x01" in messages


def test_a_correct_submission_that_prints_400_mib_at_import_keeps_its_marks(bounded, tmp_path):
    report, _ = _grade(bounded, tmp_path, "day19/prints_400mb_at_import_but_correct.py",
                       limits=Limits(request_seconds=20.0, task_seconds=60.0))
    assert report.score == report.max_score > 0, _messages(report)


def test_a_sleeping_job_is_ended_by_the_request_deadline(bounded, tmp_path):
    # A task budget of about two requests: each check would wait out its own 3 s deadline, and seven
    # checks prove no more than two (the rest are "not run" once the budget is spent).
    limits = Limits(request_seconds=3.0, task_seconds=5.0, cpu_seconds=30, memory=1 << 30)
    report, elapsed = _grade(bounded, tmp_path, "day21/sleeper_with_setsid_child.py", limits=limits)
    assert report.score == 0
    messages = _messages(report)
    # forbidden_api, when the budget reaches it, is judged from the source first: the sleeper's os
    # calls are code it cannot follow.
    forbidden = messages.pop(("GroupConv2d", "forbidden_api"))
    assert "uses os" in forbidden or forbidden.startswith("not run:"), forbidden
    assert all(m.startswith(("timeout:", "not run:")) for m in messages.values()), messages
    assert any(m.startswith("timeout: ") for m in messages.values()), messages
    assert elapsed < 30, elapsed


# -- a killed grader ------------------------------------------------------------------------------

GRADER_SCRIPT = """
import sys
from classic_grade import Grader
from classic_grade.sandbox import Limits
grader = Grader("cpu", Limits(request_seconds=600.0, task_seconds=600.0))
zygote = grader.zygote
zygote.ready()
print(zygote.process.pid, zygote.uid, zygote.backend, *[str(b) for b in zygote.cgroups.bases.values()], flush=True)
grader.grade(sys.argv[1], "day21", "public", tasks=["GroupConv2d"])
"""


def _uid_processes(uid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    found.append(int(entry))
            except OSError:
                pass
    return found


def _marked_processes(marker):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


def _wait_for(condition, seconds):
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("kill", ["grader", "grader and zygote"])
def test_a_killed_grader_leaves_no_job_and_no_cgroup_behind(tmp_path, kill):
    marker = f"CLASSIC_GRADE_BOUNDS_TEST={uuid.uuid4().hex}"
    path = ENTRIES["day21/sleeper_with_setsid_child.py"].build(tmp_path, {})
    environment = dict(os.environ, PYTHONPATH=f"{ROOT / 'autograder'}:{ROOT / 'reference'}",
                       **dict([marker.split("=")]))
    grader = subprocess.Popen([sys.executable, "-c", GRADER_SCRIPT, str(path)], stdout=subprocess.PIPE,
                              env=environment, start_new_session=True, text=True)
    try:
        zygote_pid, uid, backend, *bases = grader.stdout.readline().split()
        uid = int(uid)
        if backend == "unsandboxed" or not bases:
            pytest.skip(f"needs a sandboxed backend with cgroups (got {backend}, cgroups {bases})")
        # The job and its setsid child both sleep as the slot's uid.
        assert _wait_for(lambda: len(_uid_processes(uid)) >= 2, 120), "the sleeping job never started"
        killed = time.monotonic()
        if kill == "grader":
            os.kill(grader.pid, signal.SIGKILL)
        else:
            os.killpg(grader.pid, signal.SIGKILL)   # the grader, the zygote and the outermost jail processes
        grader.wait()
        assert _wait_for(lambda: not _uid_processes(uid) and not _marked_processes(marker), 15), \
            (_uid_processes(uid), _marked_processes(marker))
        gone_after = time.monotonic() - killed
        if kill != "grader":
            cgroups.Cgroups().cleanup()    # the next grader to start reaps what nobody removed
        assert _wait_for(lambda: not any(Path(b).exists() for b in bases), 10), bases
        print(f"{kill} killed: every job process gone after {gone_after:.2f} s")
    finally:
        if grader.poll() is None:
            os.killpg(grader.pid, signal.SIGKILL)
            grader.wait()


def test_the_zygote_kills_a_job_at_its_wall_clock_limit_whatever_the_request_allows(bounded, tmp_path):
    limits = Limits(request_seconds=60.0, task_seconds=5.0, job_seconds=3.0, memory=1 << 30)
    report, elapsed = _grade(bounded, tmp_path, "day21/sleeper_with_setsid_child.py", limits=limits)
    messages = list(_messages(report).values())
    assert report.score == 0
    assert any(m.startswith("timeout: the job was killed at its 3 s wall-clock limit") for m in messages), messages
    assert elapsed < 40, elapsed    # not the 60 s a request may take
