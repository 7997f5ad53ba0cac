"""Each golden case's feedback equals its expected text in tests/golden/ (see golden_feedback.py;
after an intended change of wording, regenerate with ``python tests/golden_feedback.py --update``
and review the diff)."""
from __future__ import annotations

import pytest

from golden_feedback import cases, golden_path, render

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_feedback_matches_golden(grader, case):
    for lang, text in render(grader, case).items():
        path = golden_path(case, lang)
        assert path.is_file(), f"{path} is missing: run python tests/golden_feedback.py --update {case.name}"
        assert text == path.read_text("utf-8"), (
            f"{case.name} ({lang}): the feedback changed; if intended, run python tests/golden_feedback.py "
            f"--update {case.name} and review the diff")


def test_every_typical_mistakes_example_has_a_case():
    from classic_grade import rubric

    assert {c.assignment for c in CASES if c.task is None} == set(rubric.assignments())
