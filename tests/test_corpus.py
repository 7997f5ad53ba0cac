"""Every assignment's corpus: a known-wrong entry loses points on the task it varies and nowhere else;
an unusual-but-correct entry gets full marks (the format: corpus_support).

To keep the suite fast, an entry is graded on its own task plus one cheap task that is not built
from it, and a wrong entry's varied task stops at its first failing check (all the test needs to
see). A network may rightly lose points when the block it is built from is wrong, so the cheap task
is never a network.
"""
from __future__ import annotations

import pytest

from corpus_support import KINDS, corpora, failed, params

CORPORA = corpora()


def _grade(grader, corpus, entry, tasks, stop_at_first_failure=False) -> dict:
    report = grader.grade(entry.submission(), corpus.assignment, "all",
                          tasks=list(tasks) if tasks else None, reveal_hidden=True,
                          stop_at_first_failure=stop_at_first_failure)
    assert report.errors == [], f"{entry.key}: the grader reported internal errors: {report.errors}"
    assert not report.notes, f"{entry.key}: {report.notes}"
    return {t.name: t for t in report.tasks}


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.assignment)
def test_corpus_headers_and_floors(corpus):
    entries = {kind: corpus.entries(kind) for kind in KINDS}
    for entry in entries["wrong"] + entries["correct"]:
        assert entry.description, f"{entry.key}: no one-line description"
        assert entry.task in corpus.tasks, f"{entry.key}: TASK {entry.task!r} is not a {corpus.assignment} task"
        assert entry.task in entry.defined_names(), f"{entry.key}: does not redefine {entry.task}"
        assert not (entry.grades_every_task and entry.kind == "wrong"), f"{entry.key}: GRADE: all on a wrong entry"
        assert not entry.says or entry.must_fail, f"{entry.key}: SAYS without FAILS"
    cheap = corpus.cheap
    assert set(cheap) <= set(corpus.tasks) and len(set(cheap)) == 2, cheap
    for kind in KINDS:
        counted = [e.task for e in entries[kind] if e.key not in corpus.known_grader_bugs]
        for task in corpus.tasks:
            assert counted.count(task) >= corpus.floor(kind, task), (kind, task, counted.count(task))
    assert any(e.grades_every_task for e in entries["correct"]), "no correct entry is graded on every task"


@pytest.mark.parametrize("corpus, entry", params("wrong"))
def test_wrong_entry_loses_points_only_on_its_task(grader, corpus, entry):
    task, other = entry.task, corpus.other(entry.task)
    # Named checks must be seen failing, so such an entry's task is graded in full.
    results = _grade(grader, corpus, entry, [task, other], stop_at_first_failure=not entry.must_fail)
    varied = results[task]
    assert varied.score < varied.max_score, f"{entry.key}: {task} got full marks ({varied.score:g})"
    assert results[other].score == results[other].max_score, (
        f"{entry.key}: {other} lost points though only {task} is varied: {failed(results[other])}")
    verdicts = {c.id: c for c in varied.checks}
    for check_id in entry.must_fail:
        assert not verdicts[check_id].passed, f"{entry.key}: {check_id} passed"
        assert entry.says in verdicts[check_id].message, (entry.key, check_id, verdicts[check_id].message)


@pytest.mark.parametrize("corpus, entry", params("correct"))
def test_correct_entry_gets_full_marks(grader, corpus, entry):
    tasks = None if entry.grades_every_task else [entry.task, corpus.other(entry.task)]
    results = _grade(grader, corpus, entry, tasks)
    if entry.grades_every_task:
        assert set(results) == set(corpus.tasks)
    for name, result in results.items():
        assert result.score == result.max_score, (
            f"{entry.key}: {name} scored {result.score:g}/{result.max_score:g}: {failed(result)}")
