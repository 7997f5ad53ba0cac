"""One task's failures, diagnosed together: in the order their premises say, once per cause.

Two passes over a task's verdicts, after every check ran and before the credit rules:

- ``follow_premises``: a failed check whose premise (checks/premises.py) failed too says "not
  compared: fix ⟨premise⟩ first" instead of its own consequence of that failure.
- ``one_message_per_cause``: failures that share a root cause (the same exception at the same line
  of the student's code, the same wrong output axes, the same text) keep one message, on the first
  of them; the others point at it (``same_cause_as``) and say "see above".

Only messages change: a failed check scores 0 whatever it says.
"""
from __future__ import annotations

import re

from .checks import premises
from .checks.numeric import EXPECTED_IS_RELU, RELU_OF_EXPECTED, SAME_CHANNELS_REORDERED
from .checks.outcome import CheckResult
from .messages import msg

# The English template of the message below; its prefix tells a
# rewritten message from a check's own.
NOT_COMPARED = "not compared: fix «{premise}» first"

# A traceback's frames and the exception line that closes it.
_FRAME = re.compile(r'^\s+(?:File "[^"]+", line \d+|cell \d+, line \d+), in .+$', re.MULTILINE)
_OUTPUT_SHAPE = re.compile(r"expected (?:output )?shape (\([\d, ]*\)), got (\([\d, ]*\))")


def follow_premises(checks: list[CheckResult], protected=lambda check: False) -> None:
    """Rewrite the failures a failed premise explains. ``protected(check)`` keeps a message that
    must stay (a task not implemented yet says so on every check)."""
    graded = {c.id for c in checks}
    failed = {c.id for c in checks if not c.passed}
    names = {c.id: c.name for c in checks}
    for check in checks:
        if check.passed or protected(check):
            continue
        root = premises.root_premise(check.id, failed, graded)
        if root is None:
            continue
        check.message, check.example = msg("not compared: fix «{premise}» first", premise=names[root]), None


def cause_of(message: str) -> tuple | None:
    """What a failure message says went wrong, reduced to what another check would see of the same
    bug: an exception (its type and text, at the student's innermost frame), or an output of the
    wrong shape (which axes are wrong), or an output that is the expected one reordered or with a
    ReLU too many or too few (checks/numeric.explain). None for anything else."""
    if "Traceback (most recent call last)" in message:
        frames = _FRAME.findall(message)
        lines = [line for line in message.splitlines() if line.strip()]
        raised = next((line for line in reversed(lines) if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Warning)\b",
                                                                        line)), lines[-1])
        return ("raised", frames[-1].strip() if frames else "", raised.strip())
    resembles = next((phrase for phrase in (RELU_OF_EXPECTED, EXPECTED_IS_RELU, SAME_CHANNELS_REORDERED)
                      if phrase in message), None)
    if resembles:
        return ("output resembles", resembles)
    match = _OUTPUT_SHAPE.search(message)
    if match and (message.startswith("for an input of shape") or message.startswith("output")):
        expected, got = (tuple(int(v) for v in re.findall(r"\d+", side)) for side in match.groups())
        if len(expected) != len(got):
            return ("output rank", len(expected), len(got))
        return ("output axes", tuple(i for i, (e, g) in enumerate(zip(expected, got)) if e != g))
    return None


def one_message_per_cause(checks: list[CheckResult], causes: dict[str, tuple | None]) -> None:
    """``causes``: check id -> cause_of(its own message), taken before anything rewrote it. The first
    failed check of each cause keeps its message; the later ones point at it."""
    owners: dict[tuple, CheckResult] = {}
    for check in checks:
        cause = causes.get(check.id)
        if check.passed or cause is None:
            continue
        owner = owners.setdefault(cause, check)
        if owner is not check:
            check.same_cause_as = owner.name
            check.message, check.example = msg("see above: the same cause as «{owner}»", owner=owner.name), None
