"""The assignments: every module of this package but its own helpers (``spec``, ``declaration``) is
one assignment, named by its module, and declares it as ``ASSIGNMENT`` (tasks/declaration.py). This
is the one way an assignment becomes known: the rubric, the CLI, the notebooks and the tests all ask
here (see ARCHITECTURE.md, "How to add an assignment"). Listing the names imports nothing, so a
usage error is answered before torch is imported."""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from .declaration import Assignment

HELPERS = frozenset({"spec", "declaration"})   # this package's modules that are not assignments


def names() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if info.name not in HELPERS)


@cache
def get(assignment: str) -> Assignment:
    """The assignment's declaration, checked: a declaration whose parts do not fit together raises
    here, naming what does not fit, rather than grade with it."""
    if assignment not in names():
        raise KeyError(f"no assignment {assignment!r}; known: {', '.join(names())}")
    declared = getattr(importlib.import_module(f"{__name__}.{assignment}"), "ASSIGNMENT", None)
    if not isinstance(declared, Assignment) or declared.name != assignment:
        raise RuntimeError(f"tasks/{assignment}.py must declare ASSIGNMENT = Assignment(name={assignment!r}, ...)")
    problems = declared.problems()
    if problems:
        raise RuntimeError(f"tasks/{assignment}.py: " + "; ".join(problems))
    return declared


def specs(assignment: str) -> dict:
    return get(assignment).specs


def forbidden_names(assignment: str) -> tuple[str, ...]:
    """Library objects that would hand an assignment's tasks over (``package.module.Name``); inside
    the sandbox they raise, and the report names the cause "forbidden import". The answer key itself
    (classic_grade, classic_cnn, timm) is never importable there."""
    return tuple(get(assignment).forbidden)
