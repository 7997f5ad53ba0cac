"""The nbgrader workflow, end to end with real nbgrader commands, on a course folder with a local
exchange: generate → release → fetch → submit → collect → autograde → generate_feedback → export.

The gradebook must hold exactly what `classic-grade grade --all` gives each submission (the
sandbox's grade), whatever the student's kernel did; every kernel-level attack of
tests/adversarial_nbgrader/ (one cell added to the empty stub) must score zero on every task.
"""
from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbgrader")
pytest.importorskip("ipykernel")

from test_nbgrader_roundtrip import ROOT, TASKS_BY_ASSIGNMENT, nbgrader_command, rubric_points  # noqa: E402

ASSIGNMENT = "day19"
TASKS = TASKS_BY_ASSIGNMENT[ASSIGNMENT]
COURSE_ID = "cnn101"
ATTACKS = sorted((Path(__file__).with_name("adversarial_nbgrader")).glob("*.py"))
ATTACK_HEADER = re.compile(r"^# ATTACK: ", re.MULTILINE)
SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*\n", re.MULTILINE)
# A partly-right notebook: every task solved but conv_params, which forgets the bias.
WRONG_CONV_PARAMS = '''def conv_params(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return in_channels * out_channels * kh * kw
'''


def environment(home: Path) -> dict:
    env = dict(os.environ)
    env["HOME"] = str(home)          # no one's ~/.jupyter configuration
    # nbgrader's gradebook runs the `alembic` script that sits beside the interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference")])
    return env


def nbgrader(args: list[str], cwd: Path, home: Path, exchange: Path, timeout: int = 900) -> str:
    proc = subprocess.run([*nbgrader_command(), *args, f"--Exchange.root={exchange}",
                           f"--CourseDirectory.course_id={COURSE_ID}"],
                          cwd=cwd, env=environment(home), capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"nbgrader {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def answer_sources() -> dict[str, str]:
    """grade_id → the solution's answer cell without nbgrader's solution markers."""
    solution = nbformat.read(str(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), as_version=4)
    return {cell.metadata.nbgrader["grade_id"]: SOLUTION_MARKERS.sub("", cell.source)
            for cell in solution.cells if cell.metadata.get("nbgrader", {}).get("solution")}


def fill(notebook, answers: dict[str, str], attack: str | None = None) -> None:
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id in answers:
            cell.source = answers[grade_id]
    if attack is not None:   # right after the setup cell, before any test cell runs
        setup = next(i for i, c in enumerate(notebook.cells)
                     if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
        notebook.cells.insert(setup + 1, nbformat.v4.new_code_cell(attack))


# Who goes through fetch_assignment → submit → collect (each nbgrader command costs about 3 s, on
# the path of the whole module): the solved notebook; the others are put into submitted/ directly,
# as an instructor drops files there, and all are autograded in the same run (submit copies a
# notebook without running it, so an attack gains nothing by that route).
THROUGH_THE_EXCHANGE = ("correct",)


def students() -> dict[str, tuple[dict, str | None]]:
    solved = answer_sources()
    partly = dict(solved, answer_conv_params=WRONG_CONV_PARAMS)
    chosen = {"correct": (solved, None), "partly": (partly, None), "empty": ({}, None)}
    for path in ATTACKS:
        chosen["attack-" + path.stem.replace("_", "-")] = ({}, path.read_text())
    return chosen


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Run the whole workflow once; yield the course folder and each student's submitted file."""
    top = tmp_path_factory.mktemp("nbgrader-course")
    course, exchange, instructor = top / "course", top / "exchange", top / "home-instructor"
    for folder in (course / "solutions", exchange, instructor):
        folder.mkdir(parents=True)
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    nbgrader(["generate_assignment", ASSIGNMENT], course, instructor, exchange)
    nbgrader(["release_assignment", ASSIGNMENT], course, instructor, exchange)
    submitted = {}
    for student, (answers, attack) in students().items():
        home = top / "students" / student
        home.mkdir(parents=True)
        if student in THROUGH_THE_EXCHANGE:
            nbgrader(["fetch_assignment", ASSIGNMENT], home, home, exchange)
            path = home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"   # where fetch_assignment puts it
        else:
            path = home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            path.parent.mkdir()
            shutil.copy(course / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", path)
        notebook = nbformat.read(str(path), as_version=4)
        fill(notebook, answers, attack)
        nbformat.write(notebook, str(path))
        if student in THROUGH_THE_EXCHANGE:
            nbgrader(["submit", ASSIGNMENT, f"--CourseDirectory.student_id={student}"], home, home, exchange)
        submitted[student] = path
    nbgrader(["collect", ASSIGNMENT], course, instructor, exchange)
    for student, path in submitted.items():
        if student not in THROUGH_THE_EXCHANGE:   # the rest as an instructor drops files into submitted/
            shutil.copytree(path.parent, course / "submitted" / student / ASSIGNMENT)
            (course / "submitted" / student / ASSIGNMENT / "timestamp.txt").write_text("2026-01-01 00:00:00 UTC")
    started = time.perf_counter()
    log = nbgrader(["autograde", ASSIGNMENT], course, instructor, exchange, timeout=3000)
    per_student = (time.perf_counter() - started) / len(submitted)
    print(f"\nnbgrader autograde: {per_student:.1f} s per student ({len(submitted)} students)")
    nbgrader(["generate_feedback", ASSIGNMENT], course, instructor, exchange)
    nbgrader(["export", "--to", str(course / "grades.csv")], course, instructor, exchange)
    yield course, submitted, log


def gradebook_scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    scores = dict.fromkeys(TASKS, 0.0)
    with Gradebook("sqlite:///" + str(course / "gradebook.db")) as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        for grade in notebook.grades:
            match = re.match(r"^test_(\w+)_(public|hidden)$", grade.name)
            if match:
                scores[match[1]] += grade.score
    return scores


def test_the_gradebook_holds_the_sandboxs_grade(course, grader):
    course_dir, submitted, _ = course
    for student in ("correct", "partly", "empty", "attack-01-importlib-noop-check-task"):
        report = grader.grade(submitted[student], ASSIGNMENT, "all")
        expected = {task.name: task.score for task in report.tasks}
        assert gradebook_scores(course_dir, student) == pytest.approx(expected), student
    full = sum(rubric_points(ASSIGNMENT).values())
    totals = {s: sum(gradebook_scores(course_dir, s).values()) for s in ("correct", "partly", "empty")}
    assert totals["correct"] == full and 0 < totals["partly"] < full and totals["empty"] == 0, totals


@pytest.mark.parametrize("attack", [p.stem for p in ATTACKS])
def test_a_kernel_level_attack_scores_zero_on_every_task(course, attack):
    assert ATTACK_HEADER.search((Path(__file__).with_name("adversarial_nbgrader") / f"{attack}.py").read_text())
    scores = gradebook_scores(course[0], "attack-" + attack.replace("_", "-"))
    assert scores == dict.fromkeys(TASKS, 0.0)


def test_the_export_and_the_feedback_come_from_the_sandbox(course):
    course_dir, submitted, _ = course
    with open(course_dir / "grades.csv", newline="") as handle:
        exported = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
    for student in submitted:
        assert exported[student] == pytest.approx(sum(gradebook_scores(course_dir, student).values()))
    feedback = (course_dir / "feedback" / "partly" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "conv_params(192, 64, 1) returned 12,288, expected 12,352" in feedback   # the sandbox's words


def test_grading_leaves_nothing_in_the_course(course):
    course_dir = course[0]
    assert not list(course_dir.rglob(".hypothesis")), "hypothesis' cache landed in the course's folders"
    for student in ("correct", "attack-05-fake-module-on-sys-path"):
        submitted = sorted(p.name for p in (course_dir / "submitted" / student / ASSIGNMENT).iterdir())
        for kind in ("autograded", "feedback"):
            names = sorted(p.name for p in (course_dir / kind / student / ASSIGNMENT).iterdir())
            assert names == [n.replace(".ipynb", ".html") if kind == "feedback" else n for n in submitted], kind
