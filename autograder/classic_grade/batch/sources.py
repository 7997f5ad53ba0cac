"""Where a class's submissions come from, and whose each one is.

Sources are files, folders (a file per student, or a folder per student), shell-style globs, an LMS
download folder (Canvas names its files ``name[_LATE]_userid_submissionid_filename``), or an
nbgrader course root (``submitted/{student}/{assignment}/`` with its ``timestamp.txt``). A student
id comes from the folder or file name, or from a roster CSV. Nothing found is dropped: a submission
that cannot be attributed is graded under a provisional id and listed; a folder with no gradable
file, or with several candidates, is that student's clear error.

Nothing here opens a submission's contents: reading and parsing are the grader's (``loading``).
"""
from __future__ import annotations

import csv
import glob
import re
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".ipynb", ".py")
SKIPPED_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}
# Canvas "Download submissions": login-ish name, optional LATE, Canvas user id, submission id, file.
CANVAS_NAME = re.compile(r"^(?P<name>[a-z0-9-]+?)(?P<late>_LATE)?_(?P<user>\d+)_(?P<submission>\d+)_(?P<file>.+)$")
# Canvas renames a resubmitted file "day19-1.ipynb"; the file part says nothing about the student.
ROSTER_ID_COLUMNS = ("student", "id", "student_id", "username", "login")


class SourceError(ValueError):
    """A source argument that names nothing (a missing path, a glob that matches no file)."""


@dataclass
class Handin:
    """One submission of the class: whose it is, where it is, how it was found."""

    student: str
    path: Path | None
    origin: str                               # file, folder, canvas, nbgrader
    attributed: bool = True
    reason: str = ""                          # why it is unattributed
    error: str | None = None                  # a source-level problem: no file, several candidates
    extra: dict = field(default_factory=dict)  # canvas ids, nbgrader timestamp, roster name, ...

    def as_dict(self) -> dict:
        return {"student": self.student, "path": str(self.path) if self.path else None, "origin": self.origin,
                "attributed": self.attributed, "reason": self.reason, "error": self.error, **self.extra}


@dataclass
class Class:
    """What the sources hold: every submission, plus roster students with none."""

    handins: list[Handin]
    missing: list[dict] = field(default_factory=list)   # roster rows with no submission
    notes: list[str] = field(default_factory=list)

    @property
    def unattributed(self) -> list[Handin]:
        return [h for h in self.handins if not h.attributed]


@dataclass(frozen=True)
class RosterEntry:
    student: str
    name: str = ""
    email: str = ""
    canvas_id: str = ""
    sis_id: str = ""
    section: str = ""

    def as_dict(self) -> dict:
        return {k: v for k, v in vars(self).items() if v}


def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


class Roster:
    """A roster CSV: a student id column (student, id, student_id, username or login) and, optionally,
    name, email, canvas_id, sis_id, section. A submission is matched on any of them."""

    def __init__(self, entries: list[RosterEntry]):
        self.entries = entries
        self._index: dict[str, RosterEntry] = {}
        for entry in entries:
            keys = [entry.student, entry.canvas_id, entry.sis_id, entry.email, entry.email.split("@")[0]]
            if entry.name:
                words = entry.name.replace(",", " ").split()
                keys += [entry.name, "".join(words), "".join(reversed(words))]
            for key in keys:
                if _normalised(key):
                    self._index.setdefault(_normalised(key), entry)

    @classmethod
    def read(cls, path: str | Path) -> "Roster":
        path = Path(path)
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise SourceError(f"cannot read the roster {path}: {error}") from None
        rows = list(csv.DictReader(text.splitlines()))
        if not rows:
            raise SourceError(f"the roster {path} has no rows")
        columns = {c.strip().lower(): c for c in rows[0] if c}
        id_column = next((columns[c] for c in ROSTER_ID_COLUMNS if c in columns), None)
        if id_column is None:
            raise SourceError(f"the roster {path} needs a student id column (one of {', '.join(ROSTER_ID_COLUMNS)}); "
                              f"it has {', '.join(columns) or 'none'}")

        def cell(row, name):
            return (row.get(columns.get(name, ""), "") or "").strip()

        entries = [RosterEntry(row[id_column].strip(), cell(row, "name"), cell(row, "email"), cell(row, "canvas_id"),
                               cell(row, "sis_id"), cell(row, "section"))
                   for row in rows if (row.get(id_column) or "").strip()]
        return cls(entries)

    def match(self, *candidates: str) -> RosterEntry | None:
        for candidate in candidates:
            found = self._index.get(_normalised(candidate)) if candidate else None
            if found:
                return found
        return None


def _is_candidate(path: Path) -> bool:
    return path.is_file() and path.suffix in SUFFIXES and not path.name.startswith(".")


def _pick(files: list[Path], assignment: str) -> tuple[Path | None, str | None]:
    """The one gradable file among a student's: the one named for the assignment, else the only
    notebook, else the only .py file; several equal candidates are the student's error."""
    if not files:
        return None, "no .ipynb or .py file was found"
    for rule in (lambda p: p.stem == assignment and p.suffix == ".ipynb", lambda p: p.stem == assignment,
                 lambda p: p.suffix == ".ipynb", lambda p: p.suffix == ".py"):
        chosen = [p for p in files if rule(p)]
        if len(chosen) == 1:
            return chosen[0], None
        if len(chosen) > 1:
            names = ", ".join(sorted(str(p.name) for p in chosen))
            return None, f"several candidate files ({names}); keep one, or name it {assignment}.ipynb"
    return None, "no .ipynb or .py file was found"


def _files_under(folder: Path, depth: int = 3) -> list[Path]:
    found = []
    for child in sorted(folder.iterdir()):
        if child.name in SKIPPED_DIRS or child.name.startswith("."):
            continue
        if child.is_dir() and depth > 1:
            found += _files_under(child, depth - 1)
        elif _is_candidate(child):
            found.append(child)
    return found


def _from_file(path: Path, assignment: str) -> Handin:
    canvas = CANVAS_NAME.match(path.name)
    if canvas:
        return Handin(canvas["name"], path, "canvas", extra={
            "canvas_id": canvas["user"], "canvas_submission": canvas["submission"], "late": bool(canvas["late"])})
    stem = path.stem
    if _normalised(stem) in ("", _normalised(assignment)) or stem.lower().startswith("untitled"):
        return Handin("", path, "file", attributed=False, reason=f"the file name {path.name!r} names no student")
    return Handin(stem, path, "file")


def _from_folder(folder: Path, assignment: str) -> list[Handin]:
    handins = []
    for child in sorted(folder.iterdir()):
        if child.name in SKIPPED_DIRS or child.name.startswith("."):
            continue
        if child.is_dir():
            chosen, error = _pick(_files_under(child), assignment)
            handins.append(Handin(child.name, chosen, "folder", error=error and f"{child}: {error}"))
        elif _is_candidate(child):
            handins.append(_from_file(child, assignment))
    return handins


def _expand(argument: str) -> list[Path]:
    path = Path(argument)
    if path.exists():
        return [path]
    if glob.has_magic(argument):
        matches = sorted(Path(p) for p in glob.glob(argument, recursive=True))
        if not matches:
            raise SourceError(f"no file matches {argument!r}")
        return matches
    raise SourceError(f"{argument} does not exist")


def from_nbgrader(course_root: str | Path, assignment: str) -> list[Handin]:
    """nbgrader's collected submissions: ``submitted/{student}/{assignment}/*.ipynb`` and the
    ``timestamp.txt`` nbgrader writes beside them."""
    submitted = Path(course_root) / "submitted"
    if not submitted.is_dir():
        raise SourceError(f"{course_root} is not an nbgrader course root: it has no submitted/ folder")
    handins = []
    for student in sorted(p for p in submitted.iterdir() if p.is_dir() and not p.name.startswith(".")):
        folder = student / assignment
        if not folder.is_dir():
            continue
        notebooks = [p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix == ".ipynb"]
        chosen, error = _pick(notebooks, assignment)
        extra = {}
        stamp = folder / "timestamp.txt"
        if stamp.is_file():
            extra["timestamp"] = stamp.read_text("utf-8", "replace").strip()[:64]
        handins.append(Handin(student.name, chosen, "nbgrader", error=error and f"{folder}: {error}", extra=extra))
    return handins


def collect(arguments: list[str], assignment: str, roster: Roster | None = None,
            nbgrader_root: str | Path | None = None) -> Class:
    """Every submission the arguments name, each with a student id (or listed as unattributed)."""
    handins: list[Handin] = []
    seen: set[Path] = set()
    for argument in arguments:
        for path in _expand(argument):
            found = _from_folder(path, assignment) if path.is_dir() else [_from_file(path, assignment)]
            for handin in found:
                key = handin.path.resolve() if handin.path else None
                if key is not None and key in seen:
                    continue   # the same file named twice (a folder and a glob inside it)
                seen.add(key)
                handins.append(handin)
    if nbgrader_root is not None:
        handins += from_nbgrader(nbgrader_root, assignment)
    notes = []
    if roster is not None:
        _attribute(handins, roster)
    _unique_ids(handins, notes)
    missing = []
    if roster is not None:
        present = {h.student for h in handins if h.attributed}
        missing = [e.as_dict() for e in roster.entries if e.student not in present]
    return Class(handins, missing, notes)


def _attribute(handins: list[Handin], roster: Roster) -> None:
    for handin in handins:
        candidates = [handin.student, handin.extra.get("canvas_id", "")]
        entry = roster.match(*candidates) if handin.attributed else None
        if entry is None:
            if handin.attributed:
                handin.attributed = False
                handin.reason = f"{handin.student!r} is not on the roster"
            continue
        handin.extra.setdefault("source_id", handin.student)
        handin.student = entry.student
        handin.extra.update({f"roster_{k}": v for k, v in entry.as_dict().items() if k != "student"})


def _unique_ids(handins: list[Handin], notes: list[str]) -> None:
    """Unattributed submissions get a provisional id from their file; a second submission for the
    same student keeps its place under a numbered id and is listed as unattributed."""
    taken: dict[str, Handin] = {}
    for handin in handins:
        if not handin.attributed:
            label = handin.path.name if handin.path else "submission"
            handin.extra.setdefault("source_id", handin.student)
            handin.student = f"unattributed:{label}"
        base, number = handin.student, 1
        while handin.student in taken:
            number += 1
            handin.student = f"{base} ({number})"
        if number > 1 and handin.attributed:
            handin.attributed = False
            handin.reason = f"a second submission for {base} ({taken[base].path} is graded as {base})"
            notes.append(f"{base} has several submissions; {handin.path} is listed as {handin.student}")
        taken[handin.student] = handin
