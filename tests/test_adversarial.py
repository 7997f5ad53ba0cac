"""Every entry of the adversarial corpus (tests/adversarial/) is graded and must leave the grade,
the host and the other tasks and submissions untouched. Data-driven: the entries say what they attack
and which cause the report must name (see adversarial_corpus.py); this file holds the assertions."""
import os
import shutil
import signal
import socket
import time
import uuid
from pathlib import Path

import pytest

from adversarial_corpus import (ROOT, Scope, digest_files, entries, listing, set_subreaper, settled_grader_processes,
                                start_ticks, tracked_files)
from classic_grade import Grader
from classic_grade import rubric as rubrics
from classic_grade.sandbox import Limits

# Tight enough that the file runs in minutes on two shared cores, loose enough that the honest
# slow-but-correct entry stays inside them. The memory cgroup's bound is met by a memory bomb
# well inside the request deadline (touching 3+ GiB takes longer than 3 s on a loaded machine).
LIMITS = Limits(request_seconds=3.0, task_seconds=25.0, address_space=6 << 30, cpu_seconds=30,
                output_bytes=1 << 20, kept_output=8 << 10, memory=1 << 30)
# Per assignment, cheap tasks that must keep their marks beside an attack (day20 has no function
# task: its cheapest blocks stand in).
SENTINELS = {"day19": ("inception_macs", "conv_params"), "day20": ("PreActBlock", "ResidualBlock"),
             "day21": ("group_conv_params", "GroupConv2d"), "day22": ("se_params", "ECAModule")}
ENTRIES = entries()
RUN_MARKER = f"CLASSIC_GRADE_ADVERSARIAL_RUN={uuid.uuid4().hex}"
SETTLE_SECONDS = 5.0
# Causes that are a limit ending the job (a deadline, the output cap, a crash): such an attack costs
# each check it reaches the whole request deadline, so its task stops at the first failing check.
# That check must still name the cause, the host must still come out untouched, nothing may be left
# running; what is not repeated is the same kill, check after check (test_isolation does that).
# An attack with any other cause forges or tampers, and every one of its checks must see it.
JOB_ENDING_CAUSES = {"timeout", "output limit", "crashed"}


def test_the_corpus_is_big_enough_and_covers_every_assignment_it_names():
    assert len(ENTRIES) >= 30, len(ENTRIES)
    for entry in ENTRIES:
        assert set(entry.tasks) <= {t.name for t in rubrics.load(entry.assignment).tasks}, entry.name


GRADERS: list[Grader] = []   # every grader of this run: their live zygotes are not leftovers


def _fresh_grader() -> Grader:
    # The marker travels in the environment of everything the zygote starts, so a leftover
    # process is recognisable even after an exec.
    key, value = RUN_MARKER.split("=")
    os.environ[key] = value
    try:
        grader = Grader("cpu", LIMITS)
        GRADERS.append(grader)
        return grader
    finally:
        del os.environ[key]


class SharedGrader:
    """One zygote for the entries where that is sound, restarted when an escaped attack killed it
    (an unsandboxed leftover can see and kill every process of its user): one escape must not
    turn every later entry into noise."""

    def __init__(self):
        self.grader = _fresh_grader()
        self.restarts = 0

    def get(self) -> Grader:
        if self.grader.zygote.process.poll() is not None:
            self.grader.close()
            self.grader = _fresh_grader()
            self.restarts += 1
        return self.grader


def _reap_dead_orphans() -> None:
    """Reap the adopted orphans that have died. A zombie still counts against its uid's process
    limit, so one attack's dead leftovers, kept until the module's end, would make a later attack's
    fork fail (EAGAIN) instead of meeting the limit it tests."""
    zygotes = {g.zygote.process.pid for g in GRADERS}
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) not in zygotes:
            try:
                os.waitpid(int(pid), os.WNOHANG)   # only our own children can be reaped; others raise
            except ChildProcessError:
                pass


@pytest.fixture(scope="module", autouse=True)
def reaper():
    """This process adopts its graders' orphans while the attacks run (see adversarial_corpus.Scope),
    and reaps the ones that died after every attack, so no zombie outlives the attack that made it."""
    set_subreaper(True)
    yield
    set_subreaper(False)
    _reap_dead_orphans()


@pytest.fixture(autouse=True)
def reap_after_each_attack(reaper):
    yield
    _reap_dead_orphans()


@pytest.fixture(scope="module")
def shared():
    holder = SharedGrader()
    yield holder
    holder.grader.close()


@pytest.fixture(scope="module")
def reference_scores(shared, tmp_path_factory):
    """Per assignment and task: what the correct example and the released empty stub score under LIMITS,
    graded lazily (only the tasks the corpus touches)."""
    cache = {}
    stub_dir = tmp_path_factory.mktemp("stub")

    def score(assignment, task, which):
        if (assignment, task, which) not in cache:
            if which == "correct":
                path = ROOT / "autograder" / "classic_grade" / "examples" / assignment / "correct.py"
            else:
                path = stub_dir / f"{assignment}.py"
                path.write_text("")
            report = shared.get().grade(path, assignment, "all", tasks=[task], reveal_hidden=True)
            graded = report.tasks[0]
            # The bar every attack is measured against must be a real full score: a "correct" example
            # that is not would lower it for every entry built on it.
            assert which != "correct" or graded.score == graded.max_score, (
                f"examples/{assignment}/correct.py scores {graded.score}/{graded.max_score} on {task}: "
                f"{[c.message[:200] for c in graded.checks if not c.passed]}")
            cache[(assignment, task, which)] = (graded.score, graded.max_score)
        return cache[(assignment, task, which)]

    return score


@pytest.fixture
def host(tmp_path):
    """Things an attack may target on the host: canaries, a loopback listener, a scratch path in the
    shared temp dir, a heartbeat path, and the directory the submission sits in."""
    canaries = tmp_path / "canaries"
    canaries.mkdir()
    (canaries / "secret.txt").write_text(f"canary {uuid.uuid4().hex}\n")
    (canaries / "delete-me.txt").write_text("do not delete\n")
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    scratch = Path("/tmp") / f"classic-grade-adversarial-{uuid.uuid4().hex}"
    submission_dir = tmp_path / "batch"
    submission_dir.mkdir()
    fill = {"CANARY": str(canaries / "secret.txt"), "CANARY_DELETE": str(canaries / "delete-me.txt"),
            "REPO": str(ROOT), "HOME": os.path.expanduser("~"), "PORT": str(listener.getsockname()[1]),
            "SCRATCH": str(scratch), "HEARTBEAT": str(tmp_path / "heartbeat"),
            "SUBMISSION_DIR": str(submission_dir), "NEXT_SUBMISSION": str(submission_dir / "next.py")}
    yield fill, listener
    listener.close()
    shutil.rmtree(scratch, ignore_errors=True)   # only there when the attack escaped; asserted below


def _watched_files(fill):
    home = Path(fill["HOME"])
    return [fill["CANARY"], fill["CANARY_DELETE"], "/etc/passwd", home / ".profile", home / ".bashrc",
            *tracked_files()]


def _leftovers(grader, since: int) -> dict[int, str]:
    """What this run's graders left running since ``since``; never another grader's processes, so the
    attacks may run beside the rest of the suite (or another grading on the machine)."""
    return settled_grader_processes(Scope.of(RUN_MARKER.split("=")[1], GRADERS, since), SETTLE_SECONDS)


def _assert_complete(report, assignment, tasks):
    rubric = {t.name: t for t in rubrics.load(assignment).tasks}
    graded = {t.name: t for t in report.tasks}
    assert set(graded) == set(tasks), f"report lacks tasks: {set(tasks) - set(graded)}"
    for name in tasks:
        assert [c.id for c in graded[name].checks] == [c.id for c in rubric[name].checks], name


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_adversarial_entry(entry, shared, reference_scores, host, tmp_path):
    fill, listener = host
    batch = entry.path.name.startswith("batch_")
    attacked = list(entry.tasks) or [t.name for t in rubrics.load(entry.assignment).tasks]
    sentinels = [s for s in SENTINELS[entry.assignment] if s not in attacked][:1] if entry.base == "correct" else []
    grader = _fresh_grader() if batch else shared.get()   # a batch attack may poison its zygote's children
    submission_dir = Path(fill["SUBMISSION_DIR"])
    correct = ROOT / "autograder" / "classic_grade" / "examples" / entry.assignment / "correct.py"
    next_submission = Path(fill["NEXT_SUBMISSION"])
    next_submission.write_text(correct.read_text())
    path = entry.build(submission_dir, fill)
    watched = _watched_files(fill) + [next_submission]
    before = digest_files(watched)
    # What the checkout holds now, uncommitted edits included: the copy to put back after an escape.
    checkout_before = {str(p): p.read_bytes() for p in map(Path, tracked_files()) if p.is_file()}
    dir_before = listing(submission_dir)
    since = start_ticks()
    started = time.monotonic()
    try:
        report = grader.grade(path, entry.assignment, "all", tasks=attacked + sentinels, reveal_hidden=True,
                              stop_at_first_failure=bool(entry.causes) and set(entry.causes) <= JOB_ENDING_CAUSES)
        elapsed = time.monotonic() - started
        if batch:   # the next submission of the batch, graded right after by the same zygote
            time.sleep(0.5)
            next_report = grader.grade(next_submission, entry.assignment, "all", tasks=list(SENTINELS[entry.assignment]),
                                       reveal_hidden=True)
        leftovers = _leftovers(grader, since)
    finally:
        if batch:
            grader.close()

    # Every property is checked and all failures are reported together, so one run tells the whole story.
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    budget = LIMITS.task_seconds * len(attacked + sentinels) + 30
    expect(elapsed < budget, f"grading took {elapsed:.0f} s (budget {budget:.0f} s)")
    _assert_complete(report, entry.assignment, attacked + sentinels)
    sandbox = report.environment.get("sandbox")
    expect(isinstance(sandbox, dict) and sandbox.get("backend") in ("namespaces", "userns", "bwrap")
           and "limits" in sandbox, f"the report does not name a real sandbox backend: {sandbox!r}")

    by_name = {t.name: t for t in report.tasks}
    messages = {n: [c.message for c in t.checks if not c.passed] + list(report.notes) for n, t in by_name.items()}
    for task in attacked:
        full = reference_scores(entry.assignment, task, "correct")
        if not entry.causes:   # honest and correct: full marks
            expect(by_name[task].score == full[0], f"{task}: {by_name[task].score}/{full[0]} {messages[task]}")
            continue
        if entry.bound == "below-full":
            expect(by_name[task].score < full[0], f"the faulty {task} kept full marks")
        else:
            stub = reference_scores(entry.assignment, task, "stub")
            expect(by_name[task].score <= stub[0], f"the attack scored {by_name[task].score} on {task} (stub {stub[0]})")
        expect(any(entry.names_cause(m) for m in messages[task]),
               f"{task}: no message names {'|'.join(entry.causes)}: " + " / ".join(m[:160] for m in messages[task]))
    for task in sentinels:
        full = reference_scores(entry.assignment, task, "correct")
        expect(by_name[task].score == full[0], f"{task} lost marks beside the attack: {messages[task]}")
    if batch:
        for task in next_report.tasks:
            full = reference_scores(entry.assignment, task.name, "correct")
            expect(task.score == full[0], f"the next submission lost marks on {task.name}: "
                                          f"{[c.message[:160] for c in task.checks if not c.passed]}")

    # the host: nothing changed, nothing planted, nothing reached, nothing left running
    try:
        changed = [k for k, v in digest_files(watched).items() if before.get(k) != v]
        expect(not changed, f"host files changed: {changed}")
        damaged = [k for k in changed if k.startswith(str(ROOT) + "/")]
        for path in damaged:   # put the checkout back, so an escape found here does not spread to later tests
            if path in checkout_before:
                Path(path).write_bytes(checkout_before[path])
        planted = set(listing(submission_dir)) - set(dir_before)
        expect(not planted, f"files planted next to the submission: {planted}")
        expect(not Path(fill["SCRATCH"]).exists(), f"the attack wrote into the host's {fill['SCRATCH']}")
        try:
            listener.accept()[0].close()
            reached = True
        except BlockingIOError:
            reached = False
        expect(not reached, "the attack connected to a host socket")
        heartbeat = Path(fill["HEARTBEAT"])
        expect(not heartbeat.exists(), "a process of the job wrote a heartbeat file on the host")
        if heartbeat.exists():
            size = heartbeat.stat().st_size
            time.sleep(0.3)
            expect(heartbeat.stat().st_size == size, "a daemon is still beating after the grade")
        expect(not leftovers, f"processes left running after the grade: {leftovers}")
        assert not problems, f"{entry.name} ({entry.path.read_text().split(chr(10))[0][3:120]}):\n- " + \
            "\n- ".join(problems)
    finally:
        for pid in _leftovers(grader, since) if not batch else leftovers:
            try:
                os.kill(pid, signal.SIGKILL)   # ours: started by this run's zygote
            except (ProcessLookupError, PermissionError):
                pass
