"""The day23 corpus, in the overlay format: each entry holds only the task it redefines, and the
submission graded is the assignment's correct example, a blank line, then the entry (see
``classic_grade.validation.overlay``). Known-wrong entries must lose points on their task and leave a
cheap independent task at full marks; unusual-but-correct ones must get full marks.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from classic_grade.validation import overlay
from corpus_support import GRADE_ALL, Corpus, defined_names, docstring, task_of

ROOT = Path(__file__).resolve().parents[1]


class OverlayCorpus(Corpus):
    def grade(self, grader, path: Path, tasks) -> dict:
        report = grader.grade(overlay(ROOT, self.assignment, path), self.assignment, "all",
                              tasks=list(tasks) if tasks else None, reveal_hidden=True)
        assert report.errors == [], f"{path.name}: the grader reported internal errors: {report.errors}"
        assert not report.notes, f"{path.name}: {report.notes}"
        return {t.name: t for t in report.tasks}


CORPUS = OverlayCorpus(
    assignment="day23",
    folder=ROOT / "tests" / "corpus" / "day23",
    tasks=("DenseLayer", "DenseBlock", "dense_block_params", "DepthwiseSeparableConv", "separable_macs",
           "channel_shuffle"),
    cheap="dense_block_params", cheap_fallback="separable_macs",
)
# channel_shuffle is a function on tensors, held to the module tasks' floor.
MODULE_TASKS = ("DenseLayer", "DenseBlock", "DepthwiseSeparableConv", "channel_shuffle")


@pytest.fixture(scope="module")
def corpus_grader():
    from classic_grade import Grader

    with Grader("cpu") as grader:
        yield grader


def test_corpus_size_and_headers():
    wrong, correct = CORPUS.files("wrong"), CORPUS.files("correct")
    for path in wrong + correct:
        doc = docstring(path)
        assert doc.splitlines() and doc.splitlines()[0].strip(), f"{path.name}: no one-line description"
        task = task_of(path)
        assert task in CORPUS.tasks, f"{path.name}: TASK {task!r} is not a day23 task"
        assert task in defined_names(path), f"{path.name}: the overlay does not redefine {task}"
    # The floor: 8 known-wrong entries and 3 unusual-but-correct ones per module task,
    # 4 known-wrong ones per counting function.
    varied, kept = [task_of(p) for p in wrong], [task_of(p) for p in correct]
    for task in CORPUS.tasks:
        assert varied.count(task) >= (8 if task in MODULE_TASKS else 4), (task, varied.count(task))
        if task in MODULE_TASKS:
            assert kept.count(task) >= 3, (task, kept.count(task))
    assert any(GRADE_ALL.search(docstring(p)) for p in correct), "no correct entry is graded on every task"


@pytest.mark.parametrize("path", CORPUS.params("wrong"))
def test_wrong_entry_loses_points_only_on_its_task(corpus_grader, path):
    CORPUS.check_wrong(corpus_grader, path)


@pytest.mark.parametrize("path", CORPUS.params("correct"))
def test_correct_entry_gets_full_marks(corpus_grader, path):
    CORPUS.check_correct(corpus_grader, path)
