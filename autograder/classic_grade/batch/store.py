"""The batch's results on disk, keyed so that a re-run grades only what changed.

A result's key is the SHA-256 of the submission's bytes, the grader's version (its release and a
hash of the engine's own sources, so an edited check regrades), the rubric (a hash of its JSON) and
the grading options (visibility, tasks, reveal, device). Every file is written atomically (a
temporary file in the same folder, fsync'd, then renamed), so a killed batch leaves each report
either whole or absent, never half written.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass
from importlib import metadata, resources
from pathlib import Path

STUDENTS_DIR = "students"
REPORT_NAME = "report.json"
LOCK_NAME = ".batch.lock"
TEMPORARY_SUFFIX = ".tmp"         # write_atomic's ".NAME.<random>.tmp" before it is renamed to NAME
_ENGINE_SUFFIXES = (".py", ".json")


@dataclass(frozen=True)
class GradeOptions:
    """How every submission of a batch is graded (the same for all, so part of every key)."""

    assignment: str
    visibility: str = "public"
    tasks: tuple[str, ...] = ()
    reveal_hidden: bool = False
    device: str = "cpu"
    sandbox: str = "auto"
    allow_unsandboxed: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` atomically; a file that already holds exactly these bytes is left
    alone (a resumed batch re-renders finished students: their files keep their bytes and times)."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def remove_temporaries(folder: Path, name: str = "*") -> list[Path]:
    """Delete the temporaries an interrupted ``write_atomic`` left in ``folder`` (of the file
    ``name``, or of any); returns them."""
    left = list(folder.glob(f".{name}.*{TEMPORARY_SUFFIX}"))
    for path in left:
        path.unlink(missing_ok=True)
    return left


def write_json(path: Path, value) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=1) + "\n")


def engine_fingerprint() -> str:
    """The grader's version: its release plus a hash of every engine source and rubric (the batch
    package itself excluded: it writes outputs, it does not grade)."""
    package = Path(str(resources.files("classic_grade")))
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(package)
        if path.suffix in _ENGINE_SUFFIXES and relative.parts[0] not in ("batch", "examples", "released") \
                and "__pycache__" not in relative.parts:
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    try:
        release = metadata.version("classic-grade")
    except metadata.PackageNotFoundError:
        from classic_grade import __version__ as release
    try:
        torch = metadata.version("torch")
    except metadata.PackageNotFoundError:
        torch = "?"
    return f"{release}+{digest.hexdigest()[:16]} torch {torch}"


def rubric_hash(assignment: str) -> str:
    from .. import rubric as rubrics

    return hashlib.sha256(json.dumps(rubrics.to_dict(rubrics.load(assignment)), sort_keys=True).encode()).hexdigest()


def file_sha256(path: Path | None) -> str:
    """The submission's SHA-256 (what loading records too); '' for a file that cannot be read,
    whose grading then reports why."""
    if path is None:
        return ""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def result_key(sha256: str, fingerprint: str, rubric: str, options: GradeOptions) -> str:
    grading = {k: v for k, v in options.as_dict().items() if k not in ("sandbox", "allow_unsandboxed")}
    material = json.dumps({"submission": sha256, "grader": fingerprint, "rubric": rubric, "options": grading},
                          sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


def folder_name(student: str) -> str:
    """A file-system-safe folder for a student id; ids that need changing get a short hash so two
    ids never share a folder."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", student).strip("._")[:80]
    if safe != student or not safe:
        safe = f"{safe or 'student'}-{hashlib.sha256(student.encode()).hexdigest()[:8]}"
    return safe


class OutputBusy(ValueError):
    """Another batch is writing the same output folder."""


class Store:
    """Per-student records under ``OUT/students/<folder>/report.json``."""

    def __init__(self, out: str | Path):
        self.out = Path(out)

    @contextlib.contextmanager
    def exclusive(self):
        """Hold the output folder for one batch at a time, and clear what a killed batch left.

        A batch killed between a temporary file's creation and its rename leaves that temporary
        behind (hidden, never read as a report); the next batch removes them before it writes. The
        lock makes that safe: no other batch can be mid-write in this folder, and two batches never
        interleave their outputs."""
        self.out.mkdir(parents=True, exist_ok=True)
        with open(self.out / LOCK_NAME, "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputBusy(f"{self.out}: another batch is writing this folder; wait for it or choose "
                                 "another --out") from None
            try:
                for folder in (self.out, *(self.out / STUDENTS_DIR).glob("*/")):
                    remove_temporaries(folder)
                yield self
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def folder(self, student: str) -> Path:
        return self.out / STUDENTS_DIR / folder_name(student)

    def load(self, student: str) -> dict | None:
        try:
            return json.loads((self.folder(student) / REPORT_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def finished(self, student: str, key: str) -> dict | None:
        """The stored record for this student when it is a completed grading under this key (a
        grader error is not a result: it is graded again)."""
        record = self.load(student)
        if record and record.get("batch", {}).get("key") == key and not record.get("grader_error"):
            return record
        return None

    def put(self, record: dict) -> Path:
        path = self.folder(record["student"]) / REPORT_NAME
        write_json(path, record)
        return path
