"""Every assignment's typical-mistakes example, graded whole with every check (as `make demo` does),
gets a report without a grader error: a wrong submission is the student's failure, never ours."""
from __future__ import annotations

import pytest

from classic_grade import rubric
from conftest import ROOT


@pytest.mark.parametrize("assignment", rubric.assignments())
def test_the_typical_mistakes_example_raises_no_grader_error(grader, assignment):
    path = ROOT / "autograder" / "classic_grade" / "examples" / assignment / "typical_mistakes.py"
    report = grader.grade(path, assignment, "all", reveal_hidden=True)
    assert report.errors == [], report.errors
    assert report.score < report.max_score
