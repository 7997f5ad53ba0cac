"""`classic-grade batch --nbgrader COURSE_ROOT`: nbgrader's collected submissions are graded, every
grade cell that `generate_assignment` recorded gets the batch's score through nbgrader's gradebook,
`nbgrader export` shows those grades, and each feedback page lies where `release_feedback` takes it."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from batch_support import ROOT, batch_command, copy, environment

pytest.importorskip("nbgrader")
TASKS = ("conv1x1", "conv_params")


def nbgrader(course: Path, *arguments) -> subprocess.CompletedProcess:
    env = environment()
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])   # alembic
    beside = Path(sys.executable).with_name("nbgrader")
    command = [str(beside)] if beside.exists() else [sys.executable, "-m", "nbgrader"]
    result = subprocess.run([*command, *arguments], cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_the_batch_writes_nbgrader_grades_that_export_shows(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "solutions" / "day19", course / "solutions" / "day19")
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    nbgrader(course, "generate_assignment", "day19", "--force")
    for student, notebook in (("alice", ROOT / "solutions" / "day19" / "day19.ipynb"),
                              ("bob", ROOT / "assignments" / "day19" / "day19.ipynb")):
        folder = course / "submitted" / student / "day19"
        copy(notebook, folder / "day19.ipynb")
        (folder / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
        (folder / "submission_secret.txt").write_text(f"secret-of-{student}")
    # What a batch killed while writing alice's page would leave: release_feedback must not hand it out.
    stale = course / "feedback" / "alice" / "day19" / ".day19.html.k1ll3d.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_text("<!DOCTYPE html><p>half")
    out = tmp_path / "out"
    tasks = [option for task in TASKS for option in ("--task", task)]
    result = batch_command("--nbgrader", course, "-a", "day19", "--out", out, "--all", "--workers", 2, *tasks)
    assert result.returncode == 0, result.stderr[-3000:]

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        alice = {g.name: g.auto_score for g in gradebook.find_submission_notebook("day19", "day19", "alice").grades}
        bob = {g.name: g.auto_score for g in gradebook.find_submission_notebook("day19", "day19", "bob").grades}
        maximum = {c.name: c.max_score for c in gradebook.find_notebook("day19", "day19").grade_cells}
    graded = {f"test_{task}_{v}" for task in TASKS for v in ("public", "hidden")}
    assert {name: alice[name] for name in graded} == {name: maximum[name] for name in graded}
    assert all(bob[name] == 0 for name in graded)
    assert all(alice[name] is None for name in set(alice) - graded)      # not graded by this batch: untouched

    nbgrader(course, "export")
    with open(course / "grades.csv", newline="") as stream:
        exported = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(stream)}
    assert exported == {"alice": sum(maximum[name] for name in graded), "bob": 0.0}

    for student in ("alice", "bob"):
        feedback = course / "feedback" / student / "day19"
        assert (feedback / "day19.html").read_text().startswith("<!DOCTYPE html>")
        assert (feedback / "submission_secret.txt").read_text() == f"secret-of-{student}"
        assert (feedback / "timestamp.txt").is_file()
        assert not list(feedback.glob(".*.tmp"))
