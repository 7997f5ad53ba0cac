"""What every assignment's corpus test shares: reading a corpus file's TASK/GRADE lines, grading it on
its own task plus a cheap independent one, and summarising what failed.

A corpus file is a complete submission that differs from a correct one in a single task, named on a
``TASK: <name>`` line of its module docstring (whose first line says what the variant is); a correct
file with a ``GRADE: all`` line is graded on every task. Known grader gaps are strict xfails, so a fix
is noticed.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TASK_LINE = re.compile(r"^TASK: (\S+)$", re.MULTILINE)
GRADE_ALL = re.compile(r"^GRADE: all$", re.MULTILINE)


@dataclass(frozen=True)
class Corpus:
    assignment: str
    folder: Path
    tasks: tuple[str, ...]
    cheap: str                       # the task graded beside a variant, to show nothing else lost points
    cheap_fallback: str              # graded instead when ``cheap`` is the varied task
    known_grader_bugs: dict = field(default_factory=dict)

    def files(self, kind: str) -> list[Path]:
        return sorted((self.folder / kind).glob("*.py"))

    def params(self, kind: str):
        params = []
        for path in self.files(kind):
            key = f"{kind}/{path.stem}"
            marks = ([pytest.mark.xfail(reason=self.known_grader_bugs[key], strict=True)]
                     if key in self.known_grader_bugs else [])
            params.append(pytest.param(path, id=path.stem, marks=marks))
        return params

    def other(self, task: str) -> str:
        return self.cheap_fallback if task == self.cheap else self.cheap

    def grade(self, grader, path: Path, tasks) -> dict:
        report = grader.grade(path, self.assignment, "all", tasks=list(tasks) if tasks else None,
                              reveal_hidden=True)
        assert report.errors == [], f"{path.name}: the grader reported internal errors: {report.errors}"
        assert not report.notes, f"{path.name}: {report.notes}"
        return {t.name: t for t in report.tasks}

    def check_wrong(self, grader, path: Path) -> None:
        task = task_of(path)
        other = self.other(task)
        results = self.grade(grader, path, [task, other])
        varied = results[task]
        assert varied.score < varied.max_score, f"{path.name}: {task} got full marks ({varied.score:g})"
        assert results[other].score == results[other].max_score, (
            f"{path.name}: {other} lost points though only {task} is varied: {failed(results[other])}")

    def check_correct(self, grader, path: Path) -> None:
        task = task_of(path)
        every = bool(GRADE_ALL.search(docstring(path)))
        results = self.grade(grader, path, None if every else [task, self.other(task)])
        if every:
            assert set(results) == set(self.tasks)
        for name, result in results.items():
            assert result.score == result.max_score, (
                f"{path.name}: {name} scored {result.score:g}/{result.max_score:g}: {failed(result)}")


def docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""


def task_of(path: Path) -> str:
    found = TASK_LINE.findall(docstring(path))
    assert len(found) == 1, f"{path.name}: the docstring needs exactly one 'TASK: <name>' line"
    return found[0]


def defined_names(path: Path) -> set[str]:
    return {node.name for node in ast.parse(path.read_text("utf-8")).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def failed(task_result) -> str:
    return "; ".join(f"{c.id}: {c.message.splitlines()[0] if c.message else ''}"
                     for c in task_result.checks if not c.passed)
