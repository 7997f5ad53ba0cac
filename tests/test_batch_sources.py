"""Where a batch's submissions come from and whose each one is: files, folders (a file or a folder
per student), globs, a Canvas download, an nbgrader course root and a roster. Nothing is graded
here: these tests only read file names and folders."""
from __future__ import annotations

from pathlib import Path

import pytest

from classic_grade.batch.sources import Roster, SourceError, collect
from classic_grade.batch.store import folder_name


def touch(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def by_student(klass):
    return {h.student: h for h in klass.handins}


def test_a_folder_of_files_gives_one_submission_per_file_named_by_its_stem(tmp_path):
    touch(tmp_path / "alice.py")
    touch(tmp_path / "bob.ipynb", "{}")
    touch(tmp_path / "notes.txt")
    touch(tmp_path / ".hidden.py")
    found = by_student(collect([str(tmp_path)], "day19"))
    assert set(found) == {"alice", "bob"}
    assert found["alice"].path == tmp_path / "alice.py" and found["alice"].origin == "file"
    assert all(h.attributed and h.error is None for h in found.values())


def test_a_folder_per_student_picks_the_assignment_notebook_and_flags_ambiguity(tmp_path):
    touch(tmp_path / "alice" / "day19.ipynb", "{}")
    touch(tmp_path / "alice" / "scratch.py")                 # the assignment's name wins
    touch(tmp_path / "bob" / "work" / "my_solution.py")      # the only candidate, one level down
    touch(tmp_path / "carol" / "a.ipynb", "{}")
    touch(tmp_path / "carol" / "b.ipynb", "{}")               # two equal candidates: carol's error
    (tmp_path / "dave").mkdir()                               # nothing to grade: dave's error
    touch(tmp_path / "erin" / ".ipynb_checkpoints" / "day19-checkpoint.ipynb", "{}")
    found = by_student(collect([str(tmp_path)], "day19"))
    assert found["alice"].path.name == "day19.ipynb"
    assert found["bob"].path.name == "my_solution.py"
    assert found["carol"].path is None and "several candidate files (a.ipynb, b.ipynb)" in found["carol"].error
    assert found["dave"].path is None and "no .ipynb or .py" in found["dave"].error
    assert found["erin"].path is None and found["erin"].error   # checkpoints are not submissions


def test_globs_and_repeated_sources_name_each_file_once(tmp_path):
    for name in ("alice", "bob", "carol"):
        touch(tmp_path / f"{name}.py")
    klass = collect([str(tmp_path / "*.py"), str(tmp_path / "alice.py"), str(tmp_path)], "day19")
    assert sorted(h.student for h in klass.handins) == ["alice", "bob", "carol"]
    with pytest.raises(SourceError, match="no file matches"):
        collect([str(tmp_path / "*.ipynb")], "day19")
    with pytest.raises(SourceError, match="does not exist"):
        collect([str(tmp_path / "nobody.py")], "day19")


def test_canvas_download_names_give_student_and_canvas_ids(tmp_path):
    touch(tmp_path / "doejane_1234_567890_day19.ipynb", "{}")
    touch(tmp_path / "smithjohn_LATE_2345_678901_day19-1.ipynb", "{}")
    found = by_student(collect([str(tmp_path)], "day19"))
    assert found["doejane"].origin == "canvas"
    assert found["doejane"].extra == {"canvas_id": "1234", "canvas_submission": "567890", "late": False}
    assert found["smithjohn"].extra["late"] is True and found["smithjohn"].extra["canvas_id"] == "2345"


def test_a_file_that_names_no_student_is_listed_not_dropped(tmp_path):
    touch(tmp_path / "day19.ipynb", "{}")
    touch(tmp_path / "Untitled1.ipynb", "{}")
    klass = collect([str(tmp_path)], "day19")
    assert len(klass.handins) == 2
    assert {h.student for h in klass.unattributed} == {"unattributed:day19.ipynb", "unattributed:Untitled1.ipynb"}
    assert all("names no student" in h.reason for h in klass.unattributed)


def test_two_submissions_for_one_student_keep_both(tmp_path):
    touch(tmp_path / "alice.py")
    touch(tmp_path / "alice" / "day19.py")
    klass = collect([str(tmp_path)], "day19")
    assert sorted(h.student for h in klass.handins) == ["alice", "alice (2)"]
    assert [h.student for h in klass.unattributed] == ["alice (2)"]
    assert "second submission for alice" in klass.unattributed[0].reason and klass.notes


def nbgrader_course(root: Path) -> Path:
    for student, stamp in (("alice", "2026-11-30 10:00:00.000000 UTC"), ("bob", "2026-11-30 11:30:00.000000 UTC")):
        touch(root / "submitted" / student / "day19" / "day19.ipynb", "{}")
        touch(root / "submitted" / student / "day19" / "timestamp.txt", stamp)
    touch(root / "submitted" / "carol" / "day20" / "day20.ipynb", "{}")     # another assignment only
    (root / "submitted" / "dave" / "day19").mkdir(parents=True)               # collected, but empty
    return root


def test_an_nbgrader_course_root_gives_submitted_notebooks_with_their_timestamps(tmp_path):
    klass = collect([], "day19", nbgrader_root=nbgrader_course(tmp_path))
    found = by_student(klass)
    assert set(found) == {"alice", "bob", "dave"}
    assert found["alice"].origin == "nbgrader" and found["alice"].path.name == "day19.ipynb"
    assert found["bob"].extra["timestamp"] == "2026-11-30 11:30:00.000000 UTC"
    assert found["dave"].path is None and "no .ipynb" in found["dave"].error
    with pytest.raises(SourceError, match="no submitted/ folder"):
        collect([], "day19", nbgrader_root=tmp_path / "submitted")


def test_a_roster_attributes_by_id_canvas_id_or_name_and_lists_the_missing(tmp_path):
    roster = touch(tmp_path / "roster.csv", "Student,Name,Email,canvas_id,section\n"
                                            "s001,Jane Doe,jane@uni.edu,1234,A\n"
                                            "s002,John Smith,john@uni.edu,,B\n"
                                            "s003,Ann Lee,ann@uni.edu,,A\n")
    subs = tmp_path / "subs"
    touch(subs / "doejane_1234_567890_day19.ipynb", "{}")     # by Canvas id
    touch(subs / "john.py")                                     # by e-mail local part
    touch(subs / "mallory.py")                                  # on no roster
    klass = collect([str(subs)], "day19", Roster.read(roster))
    found = by_student(klass)
    assert found["s001"].extra["roster_name"] == "Jane Doe" and found["s001"].extra["source_id"] == "doejane"
    assert found["s002"].path.name == "john.py"
    assert [h.student for h in klass.unattributed] == ["unattributed:mallory.py"]
    assert "not on the roster" in klass.unattributed[0].reason
    assert [m["student"] for m in klass.missing] == ["s003"]


def test_a_roster_without_an_id_column_is_a_one_line_error(tmp_path):
    roster = touch(tmp_path / "roster.csv", "Name,Email\nJane,jane@uni.edu\n")
    with pytest.raises(SourceError, match="needs a student id column"):
        Roster.read(roster)


def test_student_folders_are_safe_and_distinct():
    assert folder_name("alice") == "alice"
    odd = ["../etc", "a/b", "a_b", "unattributed:day19.py", "alice (2)", ""]
    names = [folder_name(s) for s in odd]
    assert len(set(names)) == len(names)
    assert all("/" not in n and not n.startswith(".") and n for n in names)
