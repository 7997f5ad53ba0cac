"""One replay of a submission per grading, one worker forked from it per task (checks/replay.py):
the report is the one a fresh worker per task gives, word for word; the cells run once; and a
worker lost on that path is explained by a worker of the zygote's own, not by the replay's tree."""
from __future__ import annotations

import dataclasses

import nbformat
import pytest

from classic_grade import Grader
from classic_grade.checks import replay
from classic_grade.loading import load
from classic_grade.reports.json_report import to_dict
from classic_grade.sandbox import Limits, pool
from conftest import ROOT

REPLAYED = replay.SubmissionReplay.eligible


@pytest.fixture
def counts(monkeypatch):
    """How many workers the zygote forked and how many the replay did, while the test runs."""
    seen = {"forks": 0, "spawns": 0}
    fork, spawn = pool.Zygote.fork, pool.Worker.spawn

    def counted_fork(self, *args, **kwargs):
        seen["forks"] += 1
        return fork(self, *args, **kwargs)

    def counted_spawn(self, *args, **kwargs):
        seen["spawns"] += 1
        return spawn(self, *args, **kwargs)

    monkeypatch.setattr(pool.Zygote, "fork", counted_fork)
    monkeypatch.setattr(pool.Worker, "spawn", counted_spawn)
    return seen


def graded(grader, monkeypatch, path, assignment, replayed: bool, **options) -> dict:
    monkeypatch.setattr(replay.SubmissionReplay, "eligible",
                        staticmethod(REPLAYED if replayed else (lambda *args: False)))
    record = to_dict(grader.grade(path, assignment, "all", reveal_hidden=True, **options))
    record.pop("elapsed_s")
    return record


SUBMISSIONS = [
    ("day19", "autograder/classic_grade/examples/day19/typical_mistakes.py"),   # wrong answers, named mistakes
    ("day19", "solutions/day19/day19.ipynb"),                                   # "Try it" cells between answers
    ("day22", "assignments/day22/day22.ipynb"),                                 # the released stubs: nothing done yet
]


def half_done_notebook(directory):
    """The day19 solution with its InceptionBlock answer cell raising before the class is defined:
    a note on the cell, a task not defined, and a network built from it."""
    notebook = nbformat.read(str(ROOT / "solutions" / "day19" / "day19.ipynb"), as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "answer_InceptionBlock")
    cell.source = "raise ValueError('half done')\n" + cell.source
    path = directory / "day19.ipynb"
    nbformat.write(notebook, str(path))
    return path


@pytest.mark.parametrize("assignment, relative", SUBMISSIONS + [("day19", None)],
                         ids=[s[1].rsplit("/", 1)[-1] for s in SUBMISSIONS] + ["half_done.ipynb"])
def test_the_report_is_the_one_a_fresh_worker_per_task_gives(grader, monkeypatch, counts, tmp_path, assignment,
                                                              relative):
    path = ROOT / relative if relative else half_done_notebook(tmp_path)
    replayed = graded(grader, monkeypatch, path, assignment, replayed=True)
    assert counts["forks"] == 1 and counts["spawns"] >= len(replayed["tasks"]), counts
    assert replayed == graded(grader, monkeypatch, path, assignment, replayed=False)


def test_the_cells_run_once_per_submission(grader, counts):
    report = grader.grade(ROOT / "solutions" / "day19" / "day19.ipynb", "day19", "all")
    assert report.score == report.max_score
    assert counts == {"forks": 1, "spawns": len(report.tasks)}


def test_cells_that_leave_a_thread_running_are_not_forked_from(grader, tmp_path, counts, correct_source):
    # A fork copies one thread and every lock the others held: the replay declines, each task forks
    # from the zygote, and the grade is the same.
    path = tmp_path / "day19.py"
    path.write_text(correct_source + "\nimport threading, time\n"
                    "threading.Thread(target=lambda: time.sleep(3600), daemon=True).start()\n")
    report = grader.grade(path, "day19", "all", tasks=["conv1x1", "conv_params"])
    assert report.score == report.max_score
    assert counts == {"forks": 3, "spawns": 1}, counts


def test_one_task_or_a_gpu_forks_from_the_zygote():
    submission = load(ROOT / "autograder" / "classic_grade" / "examples" / "day19" / "correct.py")
    assert REPLAYED("cpu", submission, ["conv1x1", "conv_params"])
    assert not REPLAYED("cpu", submission, ["conv1x1"])
    assert not REPLAYED("cuda", submission, ["conv1x1", "conv_params"])   # the cells may have touched CUDA


# conv1x1 stays correct and comes first, so the replay is in use when the hostile task's worker is
# lost: it exits (the channel closes), hangs (the grader's deadline) or outgrows its memory (the
# cgroup's count). A flood is the deadline's case with bytes counted.
HOSTILE = {
    "FactorizedConv": "class FactorizedConv(nn.Module):\n    def __init__(self, *args):\n        super().__init__()\n"
                      "        os._exit(3)\n",
    "conv_params": "def conv_params(in_channels, out_channels, kernel_size, bias=True):\n    while True:\n        pass\n",
    "inception_macs": "def inception_macs(in_channels, filter_list, height, width):\n    hoard = []\n"
                      "    while True:\n        hoard.append(bytearray(1 << 26))\n",
}
CAUSES = {"FactorizedConv": "exited with status 3", "conv_params": "timeout", "inception_macs": "memory"}
# The hoarder must meet its memory bound before any deadline, in both gradings the test compares:
# 384 MiB of fresh pages took over 1.5 s on a loaded 2-core VM whose kernel hands freed memory back
# to its host (the replayed grading then said "timeout" and the fresh one "memory"). A hang still
# costs only the short deadline.
REQUEST_SECONDS = {"inception_macs": 10.0}


@pytest.fixture(scope="module")
def tight_grader():
    """Short requests, so that a hang costs 1.5 s per check; a budget no check reaches."""
    with Grader("cpu", Limits(request_seconds=1.5, task_seconds=60.0, memory=384 << 20)) as grader:
        yield grader


@pytest.mark.parametrize("task", sorted(HOSTILE))
def test_a_worker_lost_on_the_replay_is_explained_by_one_of_the_zygotes(tight_grader, tmp_path, monkeypatch, counts,
                                                                          correct_source, task):
    if task in REQUEST_SECONDS:
        monkeypatch.setattr(tight_grader, "limits",
                            dataclasses.replace(tight_grader.limits, request_seconds=REQUEST_SECONDS[task]))
    path = tmp_path / "day19.py"
    path.write_text(correct_source + "\nimport os, sys\n" + HOSTILE[task])
    replayed = graded(tight_grader, monkeypatch, path, "day19", replayed=True, tasks=["conv1x1", task])
    assert counts["spawns"] >= 2 and counts["forks"] >= 2, counts   # spawned for it, then run again on its own
    fresh = graded(tight_grader, monkeypatch, path, "day19", replayed=False, tasks=["conv1x1", task])
    scores = {t["name"]: t["score"] for t in replayed["tasks"]}
    assert scores == {"conv1x1": 7.0, task: 0.0}, scores
    messages = " ".join(c["message"] for t in replayed["tasks"] for c in t["checks"])
    assert CAUSES[task] in messages and "spawned" not in messages, messages[:600]
    assert replayed == fresh, [(a["name"], a["message"], b["message"]) for ta, tb in zip(replayed["tasks"], fresh["tasks"])
                               for a, b in zip(ta["checks"], tb["checks"]) if a != b]
