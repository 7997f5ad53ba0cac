"""Every assignment's notebooks: solutions/ → nbgrader → assignments/, test-cell points, stubs.
(What each solution notebook's code computes is in test_solution_figures.py.)

- The checked-in released notebook must be exactly what `nbgrader generate_assignment` makes from
  the solutions notebook (so the two cannot drift).
- Every autograder test cell carries the points that the rubric gives its task and visibility.
- The released stubs hide the solutions and hidden tests, and every stub raises NotImplementedError.
"""
from __future__ import annotations

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from classic_grade import rubric

nbformat = pytest.importorskip("nbformat")
torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
# Every assignment's task names, in notebook order: the tests below run for each.
TASKS_BY_ASSIGNMENT = {name: [t.name for t in rubric.load(name).tasks] for name in rubric.assignments()}
TEST_CELL_ID = re.compile(r"^test_(?P<task>\w+)_(?P<visibility>public|hidden)$")


def read(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    return nb


def comparable(nb) -> list[dict]:
    """What matters in a notebook's cells: type, id, source and metadata (nbgrader's included)."""
    return [
        {"cell_type": c.cell_type, "id": c.get("id"), "source": c.source, "metadata": dict(c.metadata)}
        for c in nb.cells
    ]


def solution_source(nb) -> str:
    """The notebook's code as one plain-Python module: grading cells and IPython magics dropped."""
    chunks = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "classic_grade" in cell.source:
            continue
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks)


def nbgrader_command() -> list[str]:
    beside = Path(sys.executable).with_name("nbgrader")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "nbgrader"]


def notebook_paths(assignment: str) -> tuple[Path, Path]:
    return (ROOT / "solutions" / assignment / f"{assignment}.ipynb",
            ROOT / "assignments" / assignment / f"{assignment}.ipynb")


@pytest.mark.parametrize("assignment", sorted(TASKS_BY_ASSIGNMENT))
def test_released_notebook_is_what_nbgrader_generates(tmp_path, assignment):
    pytest.importorskip("nbgrader")
    _, released_nb = notebook_paths(assignment)
    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    env = dict(os.environ)
    # nbgrader's gradebook runs the `alembic` script that sits beside the interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run(
        [*nbgrader_command(), "generate_assignment", assignment],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    generated = read(tmp_path / "assignments" / assignment / f"{assignment}.ipynb")
    released = read(released_nb)
    assert generated.metadata == released.metadata
    stale = f"{released_nb.relative_to(ROOT)} is stale: run `nbgrader generate_assignment {assignment} --force`"
    assert comparable(generated) == comparable(released), stale


def rubric_points(assignment: str) -> dict[tuple[str, str], int]:
    rubric = json.loads((ROOT / "autograder" / "classic_grade" / "rubrics" / f"{assignment}.json").read_text())
    points: dict[tuple[str, str], int] = {}
    for task in rubric["tasks"]:
        for check in task["checks"]:
            key = (task["name"], check["visibility"])
            points[key] = points.get(key, 0) + check["points"]
    return points


@pytest.mark.parametrize("assignment", sorted(TASKS_BY_ASSIGNMENT))
@pytest.mark.parametrize("released", [False, True], ids=["solutions", "assignments"])
def test_test_cell_points_match_the_rubric(assignment, released):
    solution_nb, released_nb = notebook_paths(assignment)
    path = released_nb if released else solution_nb
    expected = rubric_points(assignment)
    found: dict[tuple[str, str], int] = {}
    for cell in read(path).cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        match = TEST_CELL_ID.match(meta["grade_id"])
        assert match, f"unexpected graded cell {meta['grade_id']!r}"
        key = (match["task"], match["visibility"])
        assert key not in found, f"two test cells for {key}"
        found[key] = meta["points"]
        assert meta["locked"] and not meta["solution"]
        if not released or match["visibility"] == "public":  # released hidden cells are emptied
            assert f'check_task("{assignment}", "{match["task"]}"' in cell.source
    assert found == expected


def stub_calls(ns: dict, tasks: list[str]):
    """A call of each task's stub with placeholder arguments: a stub raises before it reads them."""
    for task in tasks:
        required = [p for p in inspect.signature(ns[task]).parameters.values()
                    if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        yield task, (lambda stub=ns[task], count=len(required): stub(*[1] * count))


@pytest.mark.parametrize("assignment", sorted(TASKS_BY_ASSIGNMENT))
def test_released_stubs_hide_solutions_and_hidden_tests(assignment):
    released = read(notebook_paths(assignment)[1])
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert 'visibility="hidden"' not in text
    answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.metadata.nbgrader.grade_id for c in answers] == [f"answer_{t}" for t in TASKS_BY_ASSIGNMENT[assignment]]
    for cell in answers:
        assert "raise NotImplementedError()" in cell.source
    # The stubs still define every name, and each raises NotImplementedError when used.
    setup = next(c.source for c in released.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    ns: dict = {}
    exec(compile("\n\n".join([setup] + [c.source for c in answers]), "stub", "exec"), ns)
    for task, call in stub_calls(ns, TASKS_BY_ASSIGNMENT[assignment]):
        with pytest.raises(NotImplementedError):
            call()
            pytest.fail(f"the {task} stub ran without raising NotImplementedError")
