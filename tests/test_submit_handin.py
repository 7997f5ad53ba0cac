"""`classic-grade submit`: which file it takes, and where it hands it in (nbgrader's exchange when
an nbgrader course is configured, nowhere otherwise)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from classic_grade.cli import main

ROOT = Path(__file__).resolve().parents[1]
RELEASED = ROOT / "assignments" / "day19" / "day19.ipynb"


@pytest.fixture
def student(tmp_path, monkeypatch):
    """A student's working folder, with a home of its own (no one's real nbgrader configuration)."""
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    return work


def submit(*args):
    return CliRunner().invoke(main, ["submit", *args, "--device", "cpu"])


def test_two_candidates_are_refused_in_one_line(student):
    (student / "day19").mkdir()
    shutil.copy(RELEASED, student / "day19" / "day19.ipynb")
    (student / "day19.py").write_text("x = 1\n")
    result = submit("day19")
    assert result.exit_code != 0
    line = result.output.strip()
    assert "\n" not in line and "day19/day19.ipynb and day19.py" in line and "classic-grade submit day19 " in line


@pytest.mark.parametrize("args, message", [
    (["day99"], "no assignment 'day99'"),
    (["day19"], "no submission for day19"),
    (["day19", "nothere.ipynb"], "nothere.ipynb: no such file"),
])
def test_bad_requests_are_one_line_errors(student, args, message):
    result = submit(*args)
    assert result.exit_code != 0 and message in result.output and result.output.count("\n") == 1


def test_without_a_course_it_only_self_checks(student):
    (student / "day19").mkdir()
    shutil.copy(RELEASED, student / "day19" / "day19.ipynb")   # where nbgrader fetch_assignment puts it
    result = submit("day19")
    assert result.exit_code == 0, result.output
    assert "self-checked only" in result.output
    kept = next((student / ".classic-grade" / "submissions").iterdir())
    assert (kept / "day19.ipynb").read_bytes() == RELEASED.read_bytes()


def exchange_with_day19_released(root: Path, course: str) -> None:
    """nbgrader's exchange layout, as `nbgrader release_assignment` leaves it."""
    inbound = root / course / "inbound"
    inbound.mkdir(parents=True)
    os.chmod(inbound, 0o733)   # the modes nbgrader's release sets: students write, only the instructor lists
    (root / course / "outbound" / "day19").mkdir(parents=True)
    shutil.copy(RELEASED, root / course / "outbound" / "day19" / "day19.ipynb")


def test_with_a_course_it_hands_in_through_nbgraders_exchange(student, tmp_path):
    pytest.importorskip("nbgrader")
    exchange = tmp_path / "exchange"
    exchange_with_day19_released(exchange, "cnn101")
    (student / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'cnn101'\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.CourseDirectory.student_id = 'ada'\n")
    mine = student / "my-day19.ipynb"            # an explicit path, not named after the assignment
    shutil.copy(RELEASED, mine)
    result = submit("day19", str(mine))
    assert result.exit_code == 0, result.output
    handed = list((exchange / "cnn101" / "inbound").iterdir())
    assert len(handed) == 1 and handed[0].name.startswith("ada+day19+")
    assert (handed[0] / "day19.ipynb").read_bytes() == RELEASED.read_bytes()
    assert (handed[0] / "timestamp.txt").is_file()          # nbgrader's own timestamp: its late policy applies
    assert f"to course 'cnn101' through nbgrader's exchange: {handed[0]}" in result.output
