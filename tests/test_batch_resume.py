"""Nothing lost, nothing graded twice: a batch killed with SIGKILL keeps every finished report, a
re-run completes only the rest and leaves finished reports untouched, an unchanged class re-runs
without starting a grader, a changed file alone is regraded; a grader whose zygote dies is
replaced and the job retried once, then recorded as a grader error (never a zero)."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import time
from pathlib import Path

from batch_support import CLI, CORPUS, EXAMPLES, copy, environment, on_correct

from classic_grade.batch import GradeOptions, LocalPool, Store, collect, open_grader, run_batch

CLASS = {"alice": EXAMPLES / "correct.py", "bob": EXAMPLES / "typical_mistakes.py",
         "carol": CORPUS / "wrong" / "conv_params_ignores_bias_flag.py",
         "dave": CORPUS / "correct" / "conv_params_math_prod.py",
         "erin": CORPUS / "wrong" / "conv_params_int_kernel_only.py",
         "frank": CORPUS / "correct" / "conv_params_isinstance_tuple.py",
         "zed": EXAMPLES / "correct.py"}   # graded last, and slowly: see SLOW_START
# The kill must land while the batch still has work, however fast the others are graded (six
# conv_params gradings once took less than the 0.2 s between two looks at the reports): the last
# student's cells sleep this long when they are loaded, well inside a request's 20 s.
SLOW_START = "import time\ntime.sleep(2)   # a slow notebook cell\n"


def reports(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.parent.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "students").glob("*/report.json")}


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text("utf-8"))


def test_a_killed_batch_resumes_and_unchanged_work_is_never_redone(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for student, source in CLASS.items():
        copy(source, subs / f"{student}.py", SLOW_START if student == "zed" else "")
    command = [*CLI, "batch", str(subs), "-a", "day19", "--out", str(out), "--task", "conv_params", "--workers", "1"]
    process = subprocess.Popen(command, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while len(reports(out)) < 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process.poll() is None, f"the batch ended before it could be killed: {process.stderr.read()[-2000:]}"
        os.kill(process.pid, signal.SIGKILL)          # the batch process only: its graders must notice alone
        process.wait()
    finally:
        _reap(process.pid)
    before = reports(out)
    assert 2 <= len(before) < len(CLASS)
    assert not (out / "summary.json").exists()        # the class files come at the end; a killed run has none
    for path in out.rglob("*"):                       # what the kill cut short is a hidden temporary, never
        if path.is_file() and path.name.endswith(".json") and not path.name.startswith("."):   # a torn report
            json.loads(path.read_text("utf-8"))
    # A kill between a temporary's creation and its rename leaves it; plant one so that its removal is
    # tested on every run, not only when the kill happens to land there.
    (out / "students" / "carol").mkdir(parents=True, exist_ok=True)
    (out / "students" / "carol" / ".report.json.k1ll3d.tmp").write_text('{"student": "ca')

    resumed = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=900)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    after = reports(out)
    assert set(after) == set(CLASS)
    assert not list(out.rglob("*.tmp"))               # the resumed batch cleared what the kill left
    assert {name: after[name] for name in before} == before     # finished reports: same bytes, same mtime
    counts = summary(out)["counts"]
    assert (counts["reused"], counts["graded_now"], counts["graded"]) == (len(before), len(CLASS) - len(before),
                                                                          len(CLASS))

    started = time.monotonic()
    again = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert summary(out)["counts"]["queued"] == 0 and reports(out) == after
    assert time.monotonic() - started < 60              # no grader started: seconds, with a wide margin

    on_correct(CORPUS / "correct" / "conv_params_math_prod.py", subs / "bob.py")   # bob fixes his work
    fixed = subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=900)
    assert fixed.returncode == 0, fixed.stderr[-2000:]
    counts = summary(out)["counts"]
    assert (counts["queued"], counts["reused"]) == (1, len(CLASS) - 1)
    bob = json.loads((out / "students" / "bob" / "report.json").read_text("utf-8"))
    assert bob["score"] == bob["max_score"]
    assert {k: v for k, v in reports(out).items() if k != "bob"} == {k: v for k, v in after.items() if k != "bob"}


def _reap(group: int) -> None:
    """Give the killed batch's graders time to notice and stop on their own, then make sure
    nothing of that run (its session only) is left."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.5)
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
    raise AssertionError("the killed batch's graders were still running a minute later")


class ZygoteKiller:
    """A grader that kills its own zygote before grading ``doomed.py`` (every time) or
    ``flaky.py`` (the first time), and whose whole process dies on ``crasher.py``: the grader-side
    failures the pool must survive."""

    def __init__(self, options):
        self.inner = open_grader(options)
        self.zygote = self.inner.zygote

    def grade(self, path, *args, **kwargs):
        path = Path(path)
        marker = path.with_suffix(".killed")
        if path.stem == "crasher":
            os._exit(7)
        if path.stem == "doomed" or (path.stem == "flaky" and not marker.exists()):
            marker.touch()
            os.kill(self.zygote.process.pid, signal.SIGKILL)
            self.zygote.process.wait()
        return self.inner.grade(path, *args, **kwargs)

    def close(self):
        self.inner.close()


def test_a_dead_zygote_or_grader_is_retried_on_a_fresh_grader_then_recorded_as_a_grader_error(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for name in ("doomed", "flaky", "fine", "crasher"):
        copy(EXAMPLES / "correct.py", subs / f"{name}.py")
    options = GradeOptions("day19", tasks=("conv_params",))
    klass = collect([str(subs)], "day19")
    with LocalPool(options, workers=2, factory=ZygoteKiller) as pool:
        result = run_batch(klass, options, out, executor=pool)
    records = {p.parent.name: json.loads(p.read_text()) for p in (out / "students").glob("*/report.json")}
    doomed, flaky, fine, crasher = records["doomed"], records["flaky"], records["fine"], records["crasher"]
    assert "zygote died" in doomed["grader_error"] and doomed["batch"]["attempts"] == 2
    assert "score" not in doomed and not (out / "students" / "doomed" / "results.json").exists()
    assert flaky["batch"]["attempts"] == 2 and flaky["score"] == flaky["max_score"] and not flaky.get("grader_error")
    assert fine["batch"]["attempts"] == 1 and fine["score"] == fine["max_score"]
    assert "grader process died (exit status 7)" in crasher["grader_error"] and crasher["batch"]["attempts"] == 2
    assert result["counts"]["grader_errors"] == 2
    assert sorted(e["student"] for e in result["statistics"]["grader_errors"]) == ["crasher", "doomed"]
    with open(out / "grades.csv", newline="") as stream:
        row = next(r for r in csv.DictReader(stream) if r["student"] == "doomed")
    assert (row["status"], row["total"]) == ("grader error", "")     # listed, never a zero
    assert "The grader failed on this submission" in (out / "students" / "doomed" / "feedback.html").read_text()


def test_a_second_batch_into_the_same_folder_is_refused_in_one_line(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    copy(EXAMPLES / "correct.py", subs / "alice.py")
    with Store(out).exclusive():                      # a batch is writing here
        refused = subprocess.run([*CLI, "batch", str(subs), "-a", "day19", "--out", str(out)], env=environment(),
                                 capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [f"Error: {out}: another batch is writing this folder; wait for "
                                                   "it or choose another --out"]
    assert not (out / "students").exists()
