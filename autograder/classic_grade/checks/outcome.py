"""What a check concludes, and how it says so."""
from __future__ import annotations

from dataclasses import dataclass


class CheckFailed(Exception):
    """A check's verdict against the submission: what was expected, what came out, and where."""

    def __init__(self, message: str, example: dict | None = None):
        super().__init__(message)
        self.message = message
        self.example = example


class RaisedBySubmission(CheckFailed):
    """The submission's own code raised (its traceback is the message), rather than computing a
    wrong value."""


class NotImplementedYet(CheckFailed):
    """The task's name is not defined, or its stub still raises NotImplementedError: the task
    scores zero with this one plain line, and no example or hint (there is nothing to correct yet)."""


class NoMapping(Exception):
    """The check could not be carried out: the submission's tensors cannot be matched with the
    reference's (or the search for a match ran out of its budget). Not a pass: the check fails with
    the reason, and is flagged for an instructor's review."""


@dataclass
class CheckResult:
    id: str
    name: str
    points: float
    visibility: str
    passed: bool
    message: str = ""
    example: dict | None = None
    needs_review: bool = False  # the grader could not verify this check: an instructor should look
    # The check whose message holds this one's cause (diagnosis.one_message_per_cause), by title.
    same_cause_as: str | None = None
    # What the check itself found, before the smallest failing case and the hint were added (not
    # reported: what the diagnosis reads to tell causes apart).
    finding: str = ""
    # The worker was lost (timeout, memory, forbidden import, …): the sandbox's verdict, said as it is
    # on every check it cost; no premise or other check explains it away.
    worker_lost: bool = False

    @property
    def score(self) -> float:
        return self.points if self.passed else 0.0
