"""Every assignment is registered the same way, so a new one is covered with no test edit: its
rubric and its task specs name the same tasks in the same order, `classic-grade list` shows them,
`validate` grades it by default, and the library objects it forbids exist."""
from __future__ import annotations

import importlib

import pytest
from click.testing import CliRunner

from classic_grade import rubric
from classic_grade.cli import main
from classic_grade.tasks import forbidden_names, specs

ASSIGNMENTS = rubric.assignments()


@pytest.fixture(scope="module")
def listing() -> str:
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_rubric_and_specs_name_the_same_tasks(assignment):
    assert [t.name for t in rubric.load(assignment).tasks] == list(specs(assignment))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_list_names_the_assignment_and_every_task(listing, assignment):
    assert assignment in listing
    for task in rubric.load(assignment).tasks:
        assert task.name in listing, task.name


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_forbidden_names_are_real_objects(assignment):
    declared = importlib.import_module(f"classic_grade.tasks.{assignment}").FORBIDDEN_NAMES
    assert forbidden_names(assignment), f"{assignment} forbids nothing"
    for dotted in forbidden_names(assignment):
        module_name, _, attribute = dotted.rpartition(".")
        assert hasattr(importlib.import_module(module_name), attribute), dotted
    if isinstance(declared, dict):   # name → the task it would hand over
        assert set(declared.values()) <= set(specs(assignment)), declared
