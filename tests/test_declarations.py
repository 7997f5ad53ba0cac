"""One declaration per assignment (tasks/<day>.py) and one registry of checks (checks/registry.py):
the declarations are sound, everything derived from them (rubric files, notebooks' test-cell points)
is in step, and the registry refuses a check declared or implemented twice. Parametrized over the
registered assignments, so a new one is covered with no test edit."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from classic_grade import rubric, sync, tasks
from classic_grade.checks import registry
from classic_grade.cli import main

nbformat = pytest.importorskip("nbformat")

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = tasks.names()


def test_assignments_are_the_declared_modules():
    assert ASSIGNMENTS, "no assignment is declared"
    assert rubric.assignments() == ASSIGNMENTS
    with pytest.raises(KeyError, match="no assignment 'day99'"):
        tasks.get("day99")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_declaration_is_sound(assignment):
    declared = tasks.get(assignment)
    assert declared.problems() == []
    assert isinstance(declared.forbidden, dict) and declared.forbidden, "forbidden names: dotted name -> task"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rubric_file_is_what_the_declaration_writes(assignment):
    stale = f"rubrics/{assignment}.json drifted from tasks/{assignment}.py: run `classic-grade sync-notebooks`"
    assert rubric.json_path(assignment).read_text("utf-8") == rubric.to_json(rubric.load(assignment)), stale
    assert rubric.load_file(assignment) == rubric.load(assignment)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rubric_kind_is_the_specs(assignment):
    for task in rubric.load(assignment).tasks:
        assert task.kind == tasks.specs(assignment)[task.name].kind


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebooks_are_in_step_with_the_declaration(assignment):
    paths = sync.notebook_paths(ROOT, assignment)
    assert len(paths) == 3, paths   # solutions, released, the package's released copy
    changes = sync.sync(ROOT, assignment, check=True)
    assert not changes, "run `classic-grade sync-notebooks`:\n" + "\n".join(map(str, changes))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_answer_cell_sits_in_its_declared_section(assignment):
    nb = nbformat.read(str(ROOT / "solutions" / assignment / f"{assignment}.ipynb"), as_version=4)
    section, found = None, {}
    for cell in nb.cells:
        heading = re.match(r"##\s+(\d+)\.", cell.source) if cell.cell_type == "markdown" else None
        if heading:
            section = int(heading[1])
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("answer_"):
            found[grade_id.removeprefix("answer_")] = section
    assert found == {task.name: task.section for task in tasks.get(assignment).tasks}


def test_sync_writes_the_points_and_nbgraders_checksum(tmp_path):
    from nbgrader.utils import compute_checksum

    assignment = ASSIGNMENTS[0]
    released = ROOT / "assignments" / assignment / f"{assignment}.ipynb"
    copy = tmp_path / "assignments" / assignment / released.name
    copy.parent.mkdir(parents=True)
    shutil.copy(released, copy)
    nb = nbformat.read(str(copy), as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    cell.metadata.nbgrader.points += 7
    nbformat.write(nb, str(copy))

    runner = CliRunner()
    checked = runner.invoke(main, ["sync-notebooks", assignment, "--root", str(tmp_path), "--check"])
    assert checked.exit_code == 1 and cell.metadata.nbgrader.grade_id in checked.output, checked.output
    assert runner.invoke(main, ["sync-notebooks", assignment, "--root", str(tmp_path)]).exit_code == 0
    assert copy.read_bytes() == released.read_bytes()
    for written in nbformat.read(str(copy), as_version=4).cells:
        meta = written.metadata.get("nbgrader", {})
        if "checksum" in meta:
            assert meta["checksum"] == compute_checksum(written), meta["grade_id"]


def test_sync_names_a_test_cell_it_cannot_make(tmp_path):
    assignment = ASSIGNMENTS[0]
    source = ROOT / "solutions" / assignment / f"{assignment}.ipynb"
    copy = tmp_path / "solutions" / assignment / source.name
    copy.parent.mkdir(parents=True)
    nb = nbformat.read(str(source), as_version=4)
    dropped = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))
    nb.cells.remove(dropped)
    nbformat.write(nb, str(copy))
    result = CliRunner().invoke(main, ["sync-notebooks", assignment, "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert f"no test cell {dropped.metadata.nbgrader.grade_id}" in result.output


def test_sync_refuses_an_unknown_assignment():
    result = CliRunner().invoke(main, ["sync-notebooks", "day99"])
    assert result.exit_code != 0 and "no assignment 'day99'" in result.output


def test_every_check_declares_its_metadata():
    definitions = registry.definitions()
    for check_id, definition in definitions.items():
        assert definition.title and definition.evidence in registry.EVIDENCE, check_id
        assert definition.kinds, f"{check_id} is declared but implemented for no kind of task"
    used = {c.id for name in ASSIGNMENTS for t in rubric.load(name).tasks for c in t.checks}
    assert used <= set(definitions)


def test_a_check_id_is_declared_once_and_implemented_once_per_kind():
    def stand_in(ctx, spec, examples):
        return 0

    with pytest.raises(registry.RegistryError, match="declared twice"):
        registry.check("output_shape", kind="module", title="again", evidence=registry.PREMISED)
    with pytest.raises(registry.RegistryError, match="implemented twice for module tasks"):
        registry.implements("same_function", kind="module")(stand_in)
    with pytest.raises(registry.RegistryError, match="which no registry.check declares"):
        registry.implements("no_such_check", kind="module")(stand_in)
    with pytest.raises(registry.RegistryError, match="unknown task kind"):
        registry.implements("channel_permutation", kind="gadget")(stand_in)
    assert registry.implementations("module")["same_function"] is not stand_in
