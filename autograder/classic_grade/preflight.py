"""What can be wrong with a grading request before any grading starts, said in one line.

The sandbox's zygote imports torch (seconds); a missing file, a misspelt task or assignment, or a
CUDA request on a machine without CUDA must not wait for it. Everything here is cheap: it reads the
file and the rubric, never imports torch and never runs student code.
"""
from __future__ import annotations

import difflib
import glob
import os
from dataclasses import dataclass

from . import loading, rubric as rubrics


class UnusableRequest(ValueError):
    """A grading request that cannot be carried out as asked; the message is one line for a human."""


def _did_you_mean(word: str, choices: list[str]) -> str:
    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.5)
    close += [c for c in lowered if word.lower() in c and c not in close]   # "Inception" → InceptionBlock
    return f"; did you mean {' or '.join(lowered[c] for c in close[:3])}?" if close else ""


def assignment(name: str) -> rubrics.Rubric:
    known = rubrics.assignments()
    if name not in known:
        raise UnusableRequest(f"unknown assignment {name!r}{_did_you_mean(name, known)} (known: {', '.join(known)})")
    return rubrics.load_file(name)   # the written-out rubric: no torch import before the zygote starts


def tasks(rubric: rubrics.Rubric, names: list[str]) -> list[str]:
    known = [task.name for task in rubric.tasks]
    for name in names:
        if name not in known:
            raise UnusableRequest(f"{rubric.assignment} has no task {name!r}{_did_you_mean(name, known)} "
                                  f"(its tasks: {', '.join(known)})")
    return list(names)


def cuda_may_exist() -> bool:
    """False when this machine surely has no CUDA device: no NVIDIA (or ROCm) driver node. Where a
    driver is present, torch decides later (after the zygote starts) whether a device works."""
    return bool(glob.glob("/dev/nvidia[0-9]*") or os.path.exists("/proc/driver/nvidia/version")
                or os.path.exists("/dev/kfd"))


def device(name: str) -> str:
    if name.startswith("cuda") and not cuda_may_exist():
        raise UnusableRequest(f"--device {name} was asked for, but this machine has no CUDA device "
                              "(no NVIDIA or ROCm driver); use --device cpu or auto")
    return name


def submission(path) -> loading.Submission:
    loaded = loading.load(path)
    if loaded.error:
        raise UnusableRequest(loaded.error)
    return loaded


@dataclass(frozen=True)
class Threshold:
    """``--fail-under``: points (``30``) or a share of the points graded (``80%``)."""
    value: float
    percent: bool

    @classmethod
    def parse(cls, text: str) -> "Threshold":
        raw = text.strip()
        percent = raw.endswith("%")
        try:
            value = float(raw[:-1] if percent else raw)
        except ValueError:
            raise UnusableRequest(f"--fail-under {text!r} is neither points (30) nor a percentage (80%)") from None
        if not value >= 0 or value == float("inf") or (percent and value > 100):
            raise UnusableRequest(f"--fail-under {text!r} is out of range (points ≥ 0, or 0–100%)")
        return cls(value, percent)

    def points(self, max_score: float) -> float:
        return self.value / 100 * max_score if self.percent else self.value

    def reachable(self, max_score: float) -> None:
        if not self.percent and self.value > max_score:
            raise UnusableRequest(f"--fail-under {self.value:g} is above the {max_score:g} points these checks "
                                  "can give: every submission would fail")

    def describe(self, max_score: float) -> str:
        shown = f"{self.value:g}% of {max_score:g} = {self.points(max_score):g} points" if self.percent \
            else f"{self.value:g} points"
        return f"--fail-under {shown}"


def max_points(rubric: rubrics.Rubric, visibility: str, names: list[str] | None) -> float:
    """The points a grading with these checks can give (what a threshold in points is compared to)."""
    return sum(check.points for task in rubric.tasks if not names or task.name in names
               for check in task.checks if visibility == "all" or check.visibility == visibility)
