"""What a check concludes, and how it says so."""
from __future__ import annotations

from dataclasses import dataclass


class CheckFailed(Exception):
    """A check's verdict against the submission: what was expected, what came out, and where."""

    def __init__(self, message: str, example: dict | None = None):
        super().__init__(message)
        self.message = message
        self.example = example


class NotImplementedYet(CheckFailed):
    """The task's name is not defined, or its stub still raises NotImplementedError: the task
    scores zero with this one plain line, and no example or hint (there is nothing to correct yet)."""


class NoMapping(Exception):
    """The submission's parameters cannot be matched one-to-one with the reference's (fused or
    reshaped tensors). Not a failure: the check is graded by the task's mapping-free checks."""


@dataclass
class CheckResult:
    id: str
    name: str
    points: float
    visibility: str
    passed: bool
    message: str = ""
    example: dict | None = None
    deferred: bool = False  # passed or failed together with the task's mapping-free checks

    @property
    def score(self) -> float:
        return self.points if self.passed else 0.0
