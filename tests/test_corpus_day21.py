"""The day21 corpus: known-wrong submissions must lose points on the task they vary and only there;
unusual-but-correct submissions must get full marks.

Each file under corpus/day21/{wrong,correct}/ is a complete submission that differs from a correct one
in a single task, named on a ``TASK: <name>`` line of its module docstring (whose first line says what
the variant is). To keep the suite fast, a file is graded on its own task plus one cheap task
(``group_conv_params``, or ``GroupConv2d`` when group_conv_params is the varied task): enough to show that the
variation costs points where it should and nowhere else. A correct file whose docstring has a
``GRADE: all`` line is graded on every task, so every task's checks run on a correct file at least once.

ResNeXt50 is built from the submission's own ResNeXtBlock, so a wrong ResNeXtBlock may rightly cost
ResNeXt50 points too; the cheap task graded beside it does not depend on the varied one.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus" / "day21"
ASSIGNMENT = "day21"
TASKS = ("GroupConv2d", "group_conv_params", "ResNeXtBlock", "ResNeXt50")
MODULE_TASKS = ("GroupConv2d", "ResNeXtBlock")
TASK_LINE = re.compile(r"^TASK: (\S+)$", re.MULTILINE)
GRADE_ALL = re.compile(r"^GRADE: all$", re.MULTILINE)

# Variants that the grader scores wrongly today. Each entry is a grader bug (see the reason), kept as
# a strict xfail so that the test starts failing, and is noticed, once the grader is fixed.
KNOWN_GRADER_BUGS: dict[str, str] = {
}


def _files(kind: str) -> list[Path]:
    return sorted((CORPUS / kind).glob("*.py"))


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""


def _task(path: Path) -> str:
    found = TASK_LINE.findall(_docstring(path))
    assert len(found) == 1, f"{path.name}: the docstring needs exactly one 'TASK: <name>' line"
    return found[0]


def _cheap_other(task: str) -> str:
    return "GroupConv2d" if task == "group_conv_params" else "group_conv_params"


def _params(kind: str):
    params = []
    for path in _files(kind):
        marks = []
        key = f"{kind}/{path.stem}"
        if key in KNOWN_GRADER_BUGS:
            marks.append(pytest.mark.xfail(reason=KNOWN_GRADER_BUGS[key], strict=True))
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


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


def _failed(task_result) -> str:
    return "; ".join(f"{c.id}: {c.message.splitlines()[0] if c.message else ''}"
                     for c in task_result.checks if not c.passed)


# --- the corpus itself -------------------------------------------------------------------------


def test_corpus_size_and_task_lines():
    wrong, correct = _files("wrong"), _files("correct")
    for path in wrong + correct:
        doc = _docstring(path)
        assert doc.splitlines() and doc.splitlines()[0].strip(), f"{path.name}: no one-line description"
        assert _task(path) in TASKS, f"{path.name}: TASK {_task(path)!r} is not a day19 task"
        defined = {node.name for node in ast.parse(path.read_text("utf-8")).body
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
        assert set(TASKS) <= defined, f"{path.name}: does not define {sorted(set(TASKS) - defined)}"
    # The floor: 8 known-wrong variants per module task, 4 per counting or network task,
    # and 3 unusual-but-correct ones per task.
    varied = [_task(p) for p in wrong]
    for task in TASKS:
        assert varied.count(task) >= (8 if task in MODULE_TASKS else 4), (task, varied.count(task))
        assert [_task(p) for p in correct].count(task) >= 3, task
    assert any(GRADE_ALL.search(_docstring(p)) for p in correct), "no correct file is graded on every task"


# --- grading -------------------------------------------------------------------------------------


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
