"""The corpus as data: every assignment's ``tests/corpus/<day>/{wrong,correct}/*.py`` entries, their
headers, how one becomes a submission, and what grading it must show (tests/test_corpus.py runs it).

An entry is an overlay on the assignment's correct example: the submission graded is that file's
text, a blank line, then the entry's text, so an entry holds only the imports it needs and the
definitions it changes (later definitions win, as in a kernel). Its module docstring is the header:

    <one line: the mistake, or the unusual-but-correct style, in a student's words>

    TASK: <the task it varies, as in the rubric>
    BASE: <kind>/<entry>.py          (optional: overlay another entry of the same day instead of the bare
                                      example; chains allowed, a loop refused; classic_grade.overlays)
    GRADE: all                       (correct entries only: grade every task)
    FAILS: <check id>, <check id>    (optional: these checks of TASK must fail, by name)
    SAYS: <text>                     (optional, with FAILS: each named check's message contains it)
    MISTAKE: <zh-TW> | <English>     (optional, wrong module-task entries: the mistake's name, for the
                                      grader's known-mistakes library; `make mistakes` after a change)

An entry that is another entry's layout with one change names that entry as its BASE and holds only
the change: typically ``class Block(Block):`` overriding one method, or replacing one module after
``super().__init__``, so that the shared layout is written once.

A wrong entry must lose points on TASK and leave a cheap task that does not depend on it at full
marks; a correct entry must get full marks on TASK and the cheap task (or on every task).

Per-assignment facts live beside the entries, in an optional ``corpus.toml``: ``cheap`` (the task
graded beside a variant, then the one graded when the first is the varied task; by default the
assignment's counting functions, else its first module tasks), ``floors`` (the fewest entries per
task, by default the course standard below, e.g. ``floors = { correct_other = 0 }`` or
``[floors.task]`` ``channel_shuffle = { wrong = 8 }``) and ``known_grader_bugs`` (``"wrong/<stem>" = "why"``:
strict xfails, so that a fix is noticed).
"""
from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "tests" / "corpus"
KINDS = ("wrong", "correct")
HEADER_KEYS = ("TASK", "GRADE", "FAILS", "SAYS")
# The course standard: known-wrong and unusual-but-correct entries per module task and per other
# (counting, network) task. corpus.toml may lower or raise them, or set one task's: [floors.task].
FLOORS = {"wrong_module": 8, "wrong_other": 4, "correct_module": 3, "correct_other": 3}


@dataclass(frozen=True)
class Entry:
    assignment: str
    kind: str                        # "wrong" or "correct"
    path: Path

    @property
    def key(self) -> str:
        return f"{self.kind}/{self.path.stem}"

    @cached_property
    def docstring(self) -> str:
        return ast.get_docstring(ast.parse(self.path.read_text("utf-8"))) or ""

    @cached_property
    def header(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for key, value in header_fields(self.docstring, HEADER_KEYS):
            found.setdefault(key, []).append(value)
        return found

    @property
    def description(self) -> str:
        lines = self.docstring.splitlines()
        return lines[0].strip() if lines else ""

    @property
    def task(self) -> str:
        found = self.header.get("TASK", [])
        assert len(found) == 1, f"{self.path.name}: the docstring needs exactly one 'TASK: <name>' line"
        return found[0]

    @property
    def grades_every_task(self) -> bool:
        return self.header.get("GRADE") == ["all"]

    @property
    def must_fail(self) -> tuple[str, ...]:
        return tuple(c.strip() for line in self.header.get("FAILS", []) for c in line.split(",") if c.strip())

    @property
    def says(self) -> str:
        return " ".join(self.header.get("SAYS", []))

    def defined_names(self) -> set[str]:
        return {node.name for node in ast.parse(self.path.read_text("utf-8")).body
                if isinstance(node, (ast.FunctionDef, ast.ClassDef))}

    def submission(self):
        """What is graded: the correct example, a blank line, then this entry (as `validate` builds it)."""
        from classic_grade.validation import overlay

        return overlay(ROOT, self.assignment, self.path)


@dataclass(frozen=True)
class Corpus:
    assignment: str
    folder: Path
    settings: dict = field(default_factory=dict)

    @cached_property
    def specs(self) -> dict:
        from classic_grade.tasks import specs

        return specs(self.assignment)

    @property
    def tasks(self) -> tuple[str, ...]:
        from classic_grade import rubric

        return tuple(task.name for task in rubric.load(self.assignment).tasks)

    @property
    def cheap(self) -> tuple[str, str]:
        if "cheap" in self.settings:
            first, second = self.settings["cheap"]
            return first, second
        counting = [name for name, spec in self.specs.items() if spec.kind == "function"]
        modules = [name for name, spec in self.specs.items() if spec.kind == "module"]
        first, *rest = counting + modules
        return first, rest[0]

    def other(self, task: str) -> str:
        """The task graded beside ``task``: cheap, and not built from it."""
        first, second = self.cheap
        return second if task == first else first

    def floor(self, kind: str, task: str) -> int:
        floors = {**FLOORS, **self.settings.get("floors", {})}
        if kind in floors.get("task", {}).get(task, {}):
            return floors["task"][task][kind]
        return floors[f"{kind}_{'module' if self.specs[task].kind == 'module' else 'other'}"]

    @property
    def known_grader_bugs(self) -> dict[str, str]:
        return self.settings.get("known_grader_bugs", {})

    def entries(self, kind: str) -> list[Entry]:
        return [Entry(self.assignment, kind, path) for path in sorted((self.folder / kind).glob("*.py"))]


def header_fields(text: str, keys) -> list[tuple[str, str]]:
    """The ``KEY: value`` lines of a header, in order, values stripped; a line may start with ``#``
    (a comment, where the header cannot be a docstring). The corpus and the adversarial corpus
    (adversarial_corpus.py) both read their headers with it."""
    pattern = re.compile(rf"^(?:#\s*)?({'|'.join(map(re.escape, keys))}):[ \t]*(.*)$", re.MULTILINE)
    return [(key, value.strip()) for key, value in pattern.findall(text)]


def corpora() -> list[Corpus]:
    """Every assignment with a corpus folder; a new one is picked up without a test edit."""
    found = []
    for folder in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        table = folder / "corpus.toml"
        settings = tomllib.loads(table.read_text("utf-8")) if table.exists() else {}
        found.append(Corpus(folder.name, folder, settings))
    return found


def params(kind: str) -> list:
    """One pytest param per entry of ``kind`` across every corpus, known grader bugs as strict xfails."""
    found = []
    for corpus in corpora():
        for entry in corpus.entries(kind):
            reason = corpus.known_grader_bugs.get(entry.key)
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            found.append(pytest.param(corpus, entry, id=f"{corpus.assignment}-{entry.path.stem}", marks=marks))
    return found


def failed(task_result) -> str:
    return "; ".join(f"{c.id}: {c.message.splitlines()[0] if c.message else ''}"
                     for c in task_result.checks if not c.passed)
