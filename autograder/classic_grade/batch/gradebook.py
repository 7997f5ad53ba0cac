"""The batch's grades into an nbgrader course: every student's autograde score per grade cell in the
course's gradebook (through nbgrader's own Gradebook API), and each feedback page where
``nbgrader release_feedback`` picks it up (``feedback/{student}/{assignment}/{notebook}.html``, beside
the submission's ``timestamp.txt`` and ``submission_secret.txt``).

A grade cell is one of the test cells ``generate_assignment`` recorded, named
``test_{task}_{public|hidden}``: its score is the sum of that task's checks of that visibility. A
cell whose checks this batch did not run (hidden cells without ``--all``, tasks left out with
``--task``) is left as nbgrader has it, and named in the result.
"""
from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

from . import analysis, html
from .store import remove_temporaries, write_atomic

GRADE_CELL = re.compile(r"^test_(?P<task>\w+)_(?P<visibility>public|hidden)$")


def course_db_url(course_root: Path) -> str:
    """The gradebook the course's own nbgrader_config.py names (nbgrader's default otherwise)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader, ConfigFileNotFound

    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()
    except ConfigFileNotFound:
        config = None
    coursedir = CourseDirectory(config=config) if config is not None else CourseDirectory()
    if config is None or "root" not in config.get("CourseDirectory", {}):
        coursedir.root = str(course_root)
    return coursedir.db_url


def cell_scores(record: dict) -> dict[tuple[str, str], float]:
    scores: dict[tuple[str, str], float] = {}
    for task in record.get("tasks", []):
        for check in task["checks"]:
            key = (task["name"], check["visibility"])
            scores[key] = scores.get(key, 0.0) + check["score"]
    return scores


def _timestamp(text: str | None):
    if not text:
        return None
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(text)
    except (ValueError, TypeError):
        return None


def write_gradebook(course_root: str | Path, assignment: str, records: list[dict]) -> dict:
    """Write every graded nbgrader student's cell scores; returns what was written and left."""
    from nbgrader.api import Gradebook, MissingEntry

    course_root = Path(course_root)
    written, untouched, skipped = 0, set(), []
    with Gradebook(course_db_url(course_root)) as gradebook:
        try:
            notebooks = gradebook.find_assignment(assignment).notebooks
        except MissingEntry:
            raise ValueError(f"the gradebook of {course_root} has no assignment {assignment!r}: run "
                             f"`nbgrader generate_assignment {assignment}` there first") from None
        for record in records:
            source = record.get("batch", {}).get("source", {})
            if analysis.status(record) != "graded" or source.get("origin") != "nbgrader":
                skipped.append(record["student"])
                continue
            student, notebook = record["student"], Path(source["path"]).stem
            cells = next((n.grade_cells for n in notebooks if n.name == notebook), None)
            if cells is None:
                skipped.append(student)     # a notebook the assignment does not have: nothing to credit
                continue
            gradebook.update_or_create_student(student)
            gradebook.update_or_create_submission(assignment, student,
                                                  timestamp=_timestamp(source.get("timestamp")))
            scores = cell_scores(record)
            for cell in cells:
                match = GRADE_CELL.match(cell.name)
                key = (match["task"], match["visibility"]) if match else None
                if key not in scores:
                    untouched.add(cell.name)
                    continue
                grade = gradebook.find_grade(cell.name, notebook, assignment, student)
                grade.auto_score = min(scores[key], cell.max_score)
                written += 1
            gradebook.db.commit()
            _feedback(course_root, assignment, record, notebook)
    return {"cells_written": written, "cells_not_graded_by_this_batch": sorted(untouched),
            "students_skipped": skipped, "written_at": datetime.now().isoformat(timespec="seconds")}


def _feedback(course_root: Path, assignment: str, record: dict, notebook: str) -> None:
    """The student's batch feedback page, where release_feedback looks for it, with the two files
    it reads beside it (copied from the submission)."""
    target = course_root / "feedback" / record["student"] / assignment
    submitted = Path(record["batch"]["source"]["path"]).parent
    target.mkdir(parents=True, exist_ok=True)
    for name in ("timestamp.txt", "submission_secret.txt"):
        if (submitted / name).is_file():
            shutil.copy2(submitted / name, target / name)
    # A killed batch's half-written page would be handed out by release_feedback with the rest.
    remove_temporaries(target, f"{notebook}.html")
    write_atomic(target / f"{notebook}.html", html.feedback_page(record))
