"""Rubrics: which checks each task has, their points and visibility, derived from the assignment's
declaration (tasks/<day>.py) and read by the CLI, the reports and the notebooks' test cells alike.
``rubrics/<day>.json`` is the same rubric written out for other tools (``classic-grade sync-notebooks``
writes it; a test fails when it drifts from the declaration)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import tasks as declarations
from .checks import registry


@dataclass(frozen=True)
class CheckSpec:
    id: str
    points: float
    visibility: str

    @property
    def name(self) -> str:
        """The English title, translatable (``messages.render(name, "zh-TW")``)."""
        from .messages import Message

        return Message(registry.definition(self.id).title)


@dataclass(frozen=True)
class TaskRubric:
    name: str
    kind: str
    signature: str
    checks: tuple[CheckSpec, ...]

    def points(self, visibility: str | None = None) -> float:
        return sum(c.points for c in self.checks if visibility in (None, c.visibility))


@dataclass(frozen=True)
class Rubric:
    assignment: str
    title: str
    tasks: tuple[TaskRubric, ...]

    def task(self, name: str) -> TaskRubric:
        for task in self.tasks:
            if task.name == name:
                return task
        raise KeyError(f"{self.assignment} has no task {name!r}; its tasks: {', '.join(t.name for t in self.tasks)}")


def assignments() -> list[str]:
    return declarations.names()


def load(assignment: str) -> Rubric:
    declared = declarations.get(assignment)
    return Rubric(declared.name, declared.title, tuple(
        TaskRubric(task.name, declared.spec(task.name).kind, task.signature,
                   tuple(CheckSpec(c.id, c.points, c.visibility) for c in task.checks))
        for task in declared.tasks))


def load_file(assignment: str) -> Rubric:
    """The rubric as written out in ``rubrics/<day>.json``: for answering a usage error before torch
    is imported (preflight); everything that grades reads ``load``, and a test keeps the two equal."""
    if assignment not in assignments():
        raise KeyError(f"no assignment {assignment!r}; known: {', '.join(assignments())}")
    data = json.loads(json_path(assignment).read_text("utf-8"))
    return Rubric(data["assignment"], data["title"], tuple(
        TaskRubric(t["name"], t["kind"], t["signature"],
                   tuple(CheckSpec(c["id"], float(c["points"]), c["visibility"]) for c in t["checks"]))
        for t in data["tasks"]))


def _points(value: float):
    return int(value) if float(value).is_integer() else value


def to_dict(rubric: Rubric) -> dict:
    """The rubric as the JSON other tools read: assignment, title, and per task its name, kind,
    signature and checks (id, points, visibility), in grading order."""
    return {"assignment": rubric.assignment, "title": rubric.title, "tasks": [
        {"name": t.name, "kind": t.kind, "signature": t.signature,
         "checks": [{"id": c.id, "points": _points(c.points), "visibility": c.visibility} for c in t.checks]}
        for t in rubric.tasks]}


def to_json(rubric: Rubric) -> str:
    """The text of ``rubrics/<day>.json``: indented, one check a line."""
    def task_text(task: dict) -> str:
        checks = ",\n".join(" " * 8 + json.dumps(c, ensure_ascii=False) for c in task["checks"])
        head = json.dumps({k: v for k, v in task.items() if k != "checks"}, ensure_ascii=False, indent=2)
        head = head[:-2].replace("\n", "\n    ")   # without its closing brace, at the task's depth
        return f'    {head},\n      "checks": [\n{checks}\n      ]\n    }}'

    data = to_dict(rubric)
    tasks = ",\n".join(task_text(t) for t in data["tasks"])
    return (f'{{\n  "assignment": {json.dumps(data["assignment"])},\n'
            f'  "title": {json.dumps(data["title"], ensure_ascii=False)},\n  "tasks": [\n{tasks}\n  ]\n}}\n')


def json_path(assignment: str) -> Path:
    return Path(__file__).resolve().parent / "rubrics" / f"{assignment}.json"
