"""Known mistakes: for each module task, wrong variants that serve as alternative references.

When a submission fails its function check, the grader asks whether it computes exactly the function
of one of these (``checks/naming.py``), and if so names the mistake in the student's terms. The
library is package data (``<day>.json``), generated from the test corpus's wrong entries that carry
a ``MISTAKE:`` header line by ``python -m classic_grade.mistakes.build`` (``make mistakes``); a test
rebuilds it and fails when the two drift apart. The installed grader has no tests/ folder, so it
reads only the JSON.

Each mistake is stored as the corpus stores it: an overlay on the assignment's correct example
(``examples/<day>/correct.py``, which ships with the package). Its reference is built in the grading
process exactly as the task's reference is (trusted code of ours, never the submission's): the
example and the overlay are executed in a fresh module namespace, and the task's definition taken
from it.
"""
from __future__ import annotations

import functools
import json
import types
import warnings
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Callable

from ..loading import overlay_source
from . import messages


@dataclass(frozen=True)
class KnownMistake:
    assignment: str
    id: str                  # the corpus entry's stem
    task: str
    zh_tw: str               # the mistake's name, a noun phrase: 「3×3 卷積後少了 ReLU」
    en: str                  # the same, as "the block with no ReLU after the 3×3 conv"
    overlay: str             # the wrong definition(s), as an overlay on the correct example
    equivalents: tuple = ()  # other corpus entries that make the same mistake (same label)

    def reference(self) -> Callable:
        """The wrong task definition, built as the task's reference is: in the grading process.
        Quietly: a mistake may warn as it builds (a hidden width of zero), and the grading process's
        output is the report."""
        definition = _namespace(self.assignment, self.id)[self.task]

        @functools.wraps(definition)
        def build(*args, **kwargs):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return definition(*args, **kwargs)
        return build

    def messages(self) -> dict[str, str]:
        """The named-mistake line, in both languages (``messages.NAMED``)."""
        return messages.named(self.task, self.zh_tw, self.en)

    def as_dict(self) -> dict:
        return {"id": self.id, "zh-TW": self.zh_tw, "en": self.en, "messages": self.messages()}


def library_file(assignment: str):
    return resources.files(__package__).joinpath(f"{assignment}.json")


@cache
def known(assignment: str) -> tuple[KnownMistake, ...]:
    """The assignment's known mistakes, in library order; none where it has no library."""
    path = library_file(assignment)
    if not path.is_file():
        return ()
    data = json.loads(path.read_text("utf-8"))
    return tuple(KnownMistake(assignment, m["id"], m["task"], m["zh-TW"], m["en"], m["overlay"],
                              tuple(m.get("equivalents", ()))) for m in data["mistakes"])


def for_task(assignment: str, task: str) -> tuple[KnownMistake, ...]:
    return tuple(m for m in known(assignment) if m.task == task)


def example_source(assignment: str) -> str:
    return resources.files("classic_grade").joinpath("examples", assignment, "correct.py").read_text("utf-8")


@cache
def _namespace(assignment: str, mistake_id: str) -> dict:
    """The correct example with the mistake's overlay executed after it (later definitions win, as
    in a kernel), in a module of its own, once per mistake."""
    mistake = next(m for m in known(assignment) if m.id == mistake_id)
    module = types.ModuleType(f"classic_grade.mistakes.{assignment}_{mistake_id}")
    source = overlay_source(example_source(assignment), mistake.overlay)
    exec(compile(source, f"<known mistake {assignment}/{mistake_id}>", "exec"), module.__dict__)  # noqa: S102 - ours
    return module.__dict__
