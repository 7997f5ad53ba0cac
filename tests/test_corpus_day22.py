"""The day22 corpus: known-wrong submissions must lose points on the task they vary and only there;
unusual-but-correct submissions must get full marks.

The files under corpus/day22/{wrong,correct}/ follow day19's conventions (a one-line description,
a ``TASK: <name>`` line, ``GRADE: all`` on correct files graded on every task). Each file is graded on
its own task plus one cheap task that does not depend on it: ``se_params`` (``ECAModule`` when
se_params is the varied task). SEResidualBlock may use the file's own SEModule, so a file that varies
SEModule is not graded on SEResidualBlock.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from test_corpus_day19 import _docstring, _failed

CORPUS = Path(__file__).resolve().parent / "corpus" / "day22"
ASSIGNMENT = "day22"
TASKS = ("SEModule", "se_params", "SEResidualBlock", "ECAModule")
MODULE_TASKS = ("SEModule", "SEResidualBlock", "ECAModule")
TASK_LINE = re.compile(r"^TASK: (\S+)$", re.MULTILINE)
GRADE_ALL = re.compile(r"^GRADE: all$", re.MULTILINE)

# Variants that the grader scores wrongly today, as strict xfails (they start failing, and are
# noticed, once the grader is fixed).
KNOWN_GRADER_BUGS: dict[str, str] = {}


def _files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).glob("*.py"))


def _task(path: Path) -> str:
    found = TASK_LINE.findall(_docstring(path))
    assert len(found) == 1, f"{path.name}: the docstring needs exactly one 'TASK: <name>' line"
    return found[0]


def _params(kind: str):
    params = []
    for path in _files(kind):
        key = f"{kind}/{path.stem}"
        marks = [pytest.mark.xfail(reason=KNOWN_GRADER_BUGS[key], strict=True)] if key in KNOWN_GRADER_BUGS else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def _cheap_other(task: str) -> str:
    return "ECAModule" if task == "se_params" else "se_params"


@pytest.fixture(scope="module")
def corpus_grader():
    from classic_grade import Grader

    with Grader("cpu") as grader:
        yield grader


def _grade(grader, path: Path, tasks):
    report = grader.grade(path, ASSIGNMENT, "all", tasks=list(tasks) if tasks else None, reveal_hidden=True)
    assert report.errors == [], f"{path.name}: the grader reported internal errors: {report.errors}"
    assert not report.notes, f"{path.name}: {report.notes}"
    return {t.name: t for t in report.tasks}


def test_corpus_size_and_task_lines():
    wrong, correct = _files("wrong"), _files("correct")
    for path in wrong + correct:
        doc = _docstring(path)
        assert doc.splitlines() and doc.splitlines()[0].strip(), f"{path.name}: no one-line description"
        assert _task(path) in TASKS, f"{path.name}: TASK {_task(path)!r} is not a day22 task"
        defined = {node.name for node in ast.parse(path.read_text("utf-8")).body
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        assert set(TASKS) <= defined, f"{path.name}: does not define {sorted(set(TASKS) - defined)}"
    # The standard: ≥ 8 known-wrong variants per module task, ≥ 4 per counting task, ≥ 3 correct per task.
    varied = [_task(p) for p in wrong if f"wrong/{p.stem}" not in KNOWN_GRADER_BUGS]
    for task in TASKS:
        assert varied.count(task) >= (8 if task in MODULE_TASKS else 4), (task, varied.count(task))
        assert [_task(p) for p in correct].count(task) >= 3, task
    assert any(GRADE_ALL.search(_docstring(p)) for p in correct), "no correct file is graded on every task"


@pytest.mark.parametrize("path", _params("wrong"))
def test_wrong_variant_loses_points_only_on_its_task(corpus_grader, path):
    task = _task(path)
    other = _cheap_other(task)
    results = _grade(corpus_grader, path, [task, other])
    varied = results[task]
    assert varied.score < varied.max_score, f"{path.name}: {task} got full marks ({varied.score:g})"
    assert results[other].score == results[other].max_score, (
        f"{path.name}: {other} lost points though only {task} is varied: {_failed(results[other])}")


@pytest.mark.parametrize("path", _params("correct"))
def test_correct_variant_gets_full_marks(corpus_grader, path):
    task = _task(path)
    every = bool(GRADE_ALL.search(_docstring(path)))
    results = _grade(corpus_grader, path, None if every else [task, _cheap_other(task)])
    if every:
        assert set(results) == set(TASKS)
    for name, result in results.items():
        assert result.score == result.max_score, (
            f"{path.name}: {name} scored {result.score:g}/{result.max_score:g}: {_failed(result)}")
