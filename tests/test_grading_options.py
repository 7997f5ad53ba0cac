"""Grader options the test suite uses to go fast, and that students can never reach."""
from __future__ import annotations

from classic_grade.cli import main

from conftest import EXAMPLES

STOPPED = "not run: grading stopped at this task's first failing check"


def test_stop_at_first_failure_skips_only_what_follows_a_failure(grader):
    # conv_params is wrong in the typical mistakes (tuple kernels, bias=False), conv1x1 is right.
    tasks = ["conv_params", "conv1x1"]
    full, stopped = (grader.grade(EXAMPLES / "typical_mistakes.py", "day19", "all", tasks=tasks, reveal_hidden=True,
                                  stop_at_first_failure=stop) for stop in (False, True))
    assert [t.name for t in stopped.tasks] == [t.name for t in full.tasks]
    for whole, cut in zip(full.tasks, stopped.tasks):
        verdicts = [c.passed for c in whole.checks]
        first = verdicts.index(False) if False in verdicts else len(verdicts)
        assert [c.passed for c in cut.checks[:first + 1]] == verdicts[:first + 1], whole.name
        assert all(not c.passed and c.message == STOPPED for c in cut.checks[first + 1:]), whole.name
        assert cut.score <= whole.score
    by_name = {t.name: t for t in stopped.tasks}
    conv_params, conv1x1 = by_name["conv_params"], by_name["conv1x1"]
    assert conv_params.score < conv_params.max_score
    assert conv1x1.score == conv1x1.max_score


def test_no_command_offers_to_stop_early():
    """A student's grade is every check of every task: the CLI has no switch for the test-only option."""
    for name, command in main.commands.items():
        assert not any("stop" in param.name or "first" in param.name for param in command.params), name
