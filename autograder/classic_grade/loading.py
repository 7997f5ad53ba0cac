"""A submission file → one module's source, without executing anything.

Notebooks: code cells joined in order; IPython magics (`%`, `%%`) and shell lines (`!`) dropped,
each with a note. Anything that cannot be read becomes a load error the report shows; the grader
never raises on a student's file.
"""
from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

MAX_BYTES = 5 << 20


@dataclass
class Submission:
    path: str
    source: str
    sha256: str
    notes: list[str] = field(default_factory=list)
    error: str | None = None       # why the file could not be graded at all

    @property
    def filename(self) -> str:
        return Path(self.path).with_suffix(".py").name


def _strip_ipython(cell_index: int, code: str, notes: list[str]) -> str:
    lines = []
    in_cell_magic = code.lstrip().startswith("%%")
    if in_cell_magic:
        notes.append(f"cell {cell_index}: a cell magic ({code.lstrip().split()[0]}) was dropped with its cell")
        return ""
    for number, line in enumerate(code.splitlines(), 1):
        stripped = line.lstrip()
        # IPython's history holds magics already translated into get_ipython() calls.
        if stripped.startswith(("%", "!")) or stripped.startswith("get_ipython()"):
            notes.append(f"cell {cell_index}, line {number}: IPython line {stripped[:40]!r} was dropped")
            lines.append(line[: len(line) - len(stripped)] + "pass  # dropped: " + stripped[:60].replace("\\", "/"))
        else:
            lines.append(line)
    return "\n".join(lines)


def notebook_source(raw: bytes, notes: list[str]) -> str:
    notebook = nbformat.reads(raw.decode("utf-8"), as_version=4)
    cells = []
    for index, cell in enumerate(notebook.cells, 1):
        if cell.get("cell_type") != "code":
            continue
        code = _strip_ipython(index, cell.get("source", ""), notes)
        if "classic_grade" in code:
            notes.append(f"cell {index}: a cell that calls classic_grade (a test cell) was left out")
            continue
        cells.append(f"# ---- cell {index} ----\n{code}\n")
    return "\n".join(cells)


def load(path: str | Path) -> Submission:
    path = Path(path)
    notes: list[str] = []
    try:
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as error:
        return Submission(str(path), "", "", notes, f"cannot read {path}: {error.strerror}")
    digest = hashlib.sha256(raw).hexdigest()
    if len(raw) > MAX_BYTES:
        return Submission(str(path), "", digest, notes, f"{path.name} is larger than {MAX_BYTES >> 20} MiB")
    try:
        if path.suffix == ".ipynb":
            source = notebook_source(raw, notes)
        else:
            source = raw.decode("utf-8")
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, RecursionError,
            nbformat.ValidationError, AttributeError, TypeError) as error:
        kind = "notebook" if path.suffix == ".ipynb" else "file"
        return Submission(str(path), "", digest, notes, f"{path.name} is not a readable {kind}: {error}"[:500])
    try:
        ast.parse(source, filename=path.name)
    except SyntaxError as error:
        where = f"line {error.lineno}" if error.lineno else "somewhere"
        context = (error.text or "").strip()
        return Submission(str(path), source, digest, notes,
                          f"{path.name} does not parse: {error.msg} at {where}: {context[:120]}")
    except (ValueError, RecursionError) as error:
        return Submission(str(path), source, digest, notes, f"{path.name} does not parse: {error}")
    return Submission(str(path), source, digest, notes)
