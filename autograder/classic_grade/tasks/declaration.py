"""What an assignment declares, once, in its module ``tasks/<day>.py``: its title, its tasks in
notebook order (each with its signature, the notebook section it belongs to, and its checks with
points and visibility), the task specs (reference, drawn configurations, examples per check, hints)
and the library objects it forbids. The rubric, the notebooks' test-cell points and the sandbox's
forbidden names are all derived from this; ``Assignment.problems`` says what does not fit together.
"""
from __future__ import annotations

from dataclasses import dataclass

PUBLIC, HIDDEN = "public", "hidden"


@dataclass(frozen=True)
class Check:
    id: str
    points: float
    visibility: str


def public(check_id: str, points: float) -> Check:
    return Check(check_id, float(points), PUBLIC)


def hidden(check_id: str, points: float) -> Check:
    return Check(check_id, float(points), HIDDEN)


@dataclass(frozen=True)
class Task:
    name: str              # fixed by the course: the notebook defines it under this name
    signature: str         # as the course states it, shown by `classic-grade list`
    section: int           # the notebook's "## <section>." heading its answer cell sits under
    checks: tuple[Check, ...]   # in grading and report order


@dataclass(frozen=True)
class Assignment:
    name: str
    title: str
    tasks: tuple[Task, ...]
    specs: dict            # task name -> its spec (tasks/spec.py), in the same order as ``tasks``
    forbidden: dict        # "package.module.Name" -> the task it would hand over

    def spec(self, task: str):
        return self.specs[task]

    def problems(self) -> list[str]:
        """Everything in the declaration that does not fit together (an empty list when it is sound)."""
        from ..checks import registry

        names = [t.name for t in self.tasks]
        found = []
        if names != list(self.specs):
            found.append(f"{self.name}: tasks {names} and specs {list(self.specs)} differ (same names, same order)")
        if not isinstance(self.forbidden, dict):
            found.append(f"{self.name}: forbidden names must map each dotted name to the task it would hand over")
        else:
            found += [f"{self.name}: forbidden {dotted} names no task ({task!r})"
                      for dotted, task in self.forbidden.items() if task not in names]
        sections = [t.section for t in self.tasks]
        if sections != sorted(sections):
            found.append(f"{self.name}: task sections {sections} are not in notebook order")
        for task in self.tasks:
            spec = self.specs.get(task.name)
            if spec is None:
                continue
            where = f"{self.name}/{task.name}"
            ids = [c.id for c in task.checks]
            if not ids or len(set(ids)) != len(ids):
                found.append(f"{where}: checks {ids} are empty or repeat an id")
            runnable = registry.implementations(spec.kind)
            found += [f"{where}: no {spec.kind} check is registered as {c.id!r}" for c in task.checks
                      if c.id not in runnable]
            found += [f"{where}: check {c.id} has visibility {c.visibility!r}" for c in task.checks
                      if c.visibility not in (PUBLIC, HIDDEN)]
            found += [f"{where}: check {c.id} is worth {c.points:g} points" for c in task.checks if c.points <= 0]
            found += [f"{where}: examples for {key!r}, which the task does not run" for key in spec.examples
                      if key != "default" and key not in ids]
        return found
