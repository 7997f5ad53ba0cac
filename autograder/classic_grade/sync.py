"""Writing what is derived from an assignment's declaration into the files that carry a copy of it:
``rubrics/<day>.json`` (for other tools) and the points of the notebooks' autograder test cells
(nbgrader keeps them in each cell's ``metadata.nbgrader.points``), in the solutions notebook, the
released one and the package's copy of the released one. ``classic-grade sync-notebooks`` runs it;
with ``check`` it only says what is out of step (the test suite fails on that)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import rubric as rubrics

TEST_CELL_ID = re.compile(r"^test_(?P<task>\w+)_(?P<visibility>public|hidden)$")
PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Change:
    path: Path
    what: str
    by_hand: bool = False     # sync cannot make it: a cell to add or remove in the notebook

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def notebook_paths(root: Path, assignment: str) -> list[Path]:
    """The notebooks of ``assignment`` in the course checkout ``root`` that carry test-cell points."""
    name = f"{assignment}.ipynb"
    candidates = [root / "solutions" / assignment / name, root / "assignments" / assignment / name,
                  root / "autograder" / "classic_grade" / "released" / assignment / name]
    return [path for path in candidates if path.is_file()]


def test_cell_points(rubric) -> dict[tuple[str, str], float]:
    """(task, visibility) -> the points its test cell is worth: the sum of those checks' points."""
    points: dict[tuple[str, str], float] = {}
    for task in rubric.tasks:
        for visibility in ("public", "hidden"):
            total = task.points(visibility)
            if total:
                points[(task.name, visibility)] = total
    return points


def _number(value: float):
    return int(value) if float(value).is_integer() else value


def _sync_notebook(path: Path, points: dict, check: bool) -> list[Change]:
    import nbformat

    raw = path.read_text("utf-8")
    nb = nbformat.reads(raw, as_version=4)
    changes, seen = [], set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        match = TEST_CELL_ID.match(meta.get("grade_id", ""))
        key = (match["task"], match["visibility"]) if match else None
        if key not in points:
            changes.append(Change(path, f"graded cell {meta.get('grade_id')!r} has no checks in the declaration "
                                        "(fix the notebook by hand)", by_hand=True))
            continue
        seen.add(key)
        want = _number(points[key])
        if meta.get("points") != want:
            changes.append(Change(path, f"{meta['grade_id']}: {meta.get('points')} points -> {want}"))
            meta["points"] = want
            if "checksum" in meta:   # nbgrader's checksum of a locked cell covers its points
                from nbgrader.utils import compute_checksum
                meta["checksum"] = compute_checksum(cell)
    changes += [Change(path, f"no test cell test_{task}_{visibility} (add it by hand)", by_hand=True)
                for task, visibility in points if (task, visibility) not in seen]
    text = nbformat.writes(nb) + "\n"
    if not check and text != raw:
        path.write_text(text, "utf-8")
    return changes


def sync(root: Path, assignment: str, check: bool = False) -> list[Change]:
    """Bring the rubric file and the notebooks of ``assignment`` in step with its declaration; the
    list says what was (or, with ``check``, would be) changed, and what needs a hand."""
    rubric = rubrics.load(assignment)
    changes = []
    rubric_file = rubrics.json_path(assignment)
    text = rubrics.to_json(rubric)
    if not rubric_file.is_file() or rubric_file.read_text("utf-8") != text:
        changes.append(Change(rubric_file, "differs from the declaration"))
        if not check:
            rubric_file.write_text(text, "utf-8")
    points = test_cell_points(rubric)
    for path in notebook_paths(root, assignment):
        changes += _sync_notebook(path, points, check)
    return changes
