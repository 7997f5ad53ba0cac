"""The check registry: every check id, declared once with its metadata, and its implementation for
each kind of task.

A check is declared by the decorator on its first implementation::

    @registry.check("output_shape", kind="module", title="output shape", evidence=PREMISED, figure=True)
    def check_output_shape(ctx, spec, examples): ...

and the same id implemented for another kind of task (a network's output shape is measured
differently from a block's) adds only its kind::

    @registry.implements("output_shape", kind="network")
    def check_output_shape(ctx, spec, examples): ...

Declaring an id twice, implementing an undeclared id, or implementing an id twice for one kind raises
at import, so two modules can never silently shadow each other's check. Nothing else holds a check's
title, what its verdict rests on (``evidence``, see checks/verification.py) or which checks its verdict
presupposes (``premises``, see checks/premises.py); the rubrics, reports and grading read them from
here. A premise must be a declared check (checked once every module is loaded).
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

FUNCTION = "function"    # compares the submission's function with the reference's: stands on its own
PREMISED = "premised"    # a figure or property an unrelated module can also have: credited on a premise
EVIDENCE = (FUNCTION, PREMISED)

KINDS = ("module", "function", "network", "network_family", "tensor_function")


@dataclass
class CheckDefinition:
    id: str
    title: str                       # what the reports call the check (plain English)
    evidence: str                    # FUNCTION or PREMISED (checks/verification.py)
    figure: bool = False             # a measured figure (shape, count, MACs) rather than a property
    premises: tuple[str, ...] = ()   # checks its verdict presupposes, most fundamental first
    implementations: dict[str, Callable] = field(default_factory=dict)   # task kind -> function

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in KINDS if kind in self.implementations)


_DEFINITIONS: dict[str, CheckDefinition] = {}


class RegistryError(Exception):
    """A check declared or implemented twice, or an implementation of an undeclared id."""


def _known_kind(kind: str) -> str:
    if kind not in KINDS:
        raise RegistryError(f"unknown task kind {kind!r}; known: {', '.join(KINDS)}")
    return kind


def _where(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def _add(definition: CheckDefinition, kind: str, function: Callable) -> Callable:
    if kind in definition.implementations:
        other = definition.implementations[kind]
        raise RegistryError(f"check {definition.id!r} is implemented twice for {kind} tasks: {_where(other)} "
                            f"and {_where(function)}")
    definition.implementations[_known_kind(kind)] = function
    return function


def check(check_id: str, *, kind: str, title: str, evidence: str, figure: bool = False,
          premises: tuple[str, ...] = ()):
    """Declare ``check_id`` and register the decorated function as its implementation for ``kind``."""
    if check_id in _DEFINITIONS:
        raise RegistryError(f"check {check_id!r} is declared twice; declare it once and add other task kinds "
                            "with registry.implements")
    if evidence not in EVIDENCE:
        raise RegistryError(f"check {check_id!r}: evidence must be one of {EVIDENCE}, not {evidence!r}")
    definition = CheckDefinition(check_id, title, evidence, figure, tuple(premises))
    _DEFINITIONS[check_id] = definition
    return lambda function: _add(definition, kind, function)


def implements(check_id: str, *, kind: str):
    """Register the decorated function as ``check_id``'s implementation for another kind of task."""
    def register(function: Callable) -> Callable:
        if check_id not in _DEFINITIONS:
            raise RegistryError(f"{_where(function)} implements check {check_id!r}, which no registry.check "
                                "declares")
        return _add(_DEFINITIONS[check_id], kind, function)
    return register


_loaded = False


def _load() -> None:
    """Import every module of the checks package, so that every registration has run (one way to
    find checks: a module in checks/ that registers them)."""
    global _loaded
    if _loaded:
        return
    from classic_grade import checks
    for info in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{info.name}")
    for declared in _DEFINITIONS.values():
        unknown = [premise for premise in declared.premises if premise not in _DEFINITIONS]
        if unknown:
            raise RegistryError(f"check {declared.id!r} presupposes {unknown[0]!r}, which no registry.check declares")
    _loaded = True


def definition(check_id: str) -> CheckDefinition:
    _load()
    try:
        return _DEFINITIONS[check_id]
    except KeyError:
        raise KeyError(f"no check {check_id!r} is registered (checks/registry.py)") from None


def definitions() -> dict[str, CheckDefinition]:
    _load()
    return dict(_DEFINITIONS)


def registered(kind: str) -> dict[str, Callable]:
    """Check id -> implementation for ``kind``, among the checks registered so far (for a checks module
    that builds on another's, which it has imported)."""
    return {d.id: d.implementations[kind] for d in _DEFINITIONS.values() if kind in d.implementations}


def implementations(kind: str) -> dict[str, Callable]:
    """Check id -> implementation, for every check a task of ``kind`` can run."""
    _load()
    return registered(kind)


def by_kind() -> dict[str, dict[str, Callable]]:
    return {kind: implementations(kind) for kind in KINDS}
