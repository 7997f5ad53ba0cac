"""Every assignment's typical-mistakes example, graded whole with every check (as `make demo` does),
gets a report without a grader error: a wrong submission is the student's failure, never ours. The
public checks are graded by the golden feedback cases, which ask the same; the hidden ones here."""
from __future__ import annotations

import pytest

from classic_grade import rubric
from conftest import ROOT


@pytest.mark.parametrize("assignment", rubric.assignments())
def test_the_typical_mistakes_example_raises_no_grader_error(grader, assignment):
    path = ROOT / "autograder" / "classic_grade" / "examples" / assignment / "typical_mistakes.py"
    report = grader.grade(path, assignment, "hidden", reveal_hidden=True)
    assert report.errors == [], report.errors
    assert report.tasks and all(c.visibility == "hidden" for t in report.tasks for c in t.checks)
