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
from .messages import Message, msg


class UnusableRequest(ValueError):
    """A grading request that cannot be carried out as asked; the message is one line for a human."""


def _did_you_mean(word: str, choices: list[str]) -> str:
    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.5)
    close += [c for c in lowered if word.lower() in c and c not in close]   # "Inception" → InceptionBlock
    return msg("; did you mean {names}?", names=" / ".join(lowered[c] for c in close[:3])) if close else ""


def assignment(name: str) -> rubrics.Rubric:
    known = rubrics.assignments()
    if name not in known:
        raise UnusableRequest(msg("unknown assignment {name!r}{suggestion} (known: {known})", name=name,
                                  suggestion=_did_you_mean(name, known), known=", ".join(known)))
    return rubrics.load_file(name)   # the written-out rubric: no torch import before the zygote starts


def tasks(rubric: rubrics.Rubric, names: list[str]) -> list[str]:
    known = [task.name for task in rubric.tasks]
    for name in names:
        if name not in known:
            raise UnusableRequest(msg("{assignment} has no task {name!r}{suggestion} (its tasks: {known})",
                                      assignment=rubric.assignment, name=name,
                                      suggestion=_did_you_mean(name, known), known=", ".join(known)))
    return list(names)


def cuda_may_exist() -> bool:
    """False when this machine surely has no CUDA device: no NVIDIA (or ROCm) driver node. Where a
    driver is present, torch decides later (after the zygote starts) whether a device works."""
    return bool(glob.glob("/dev/nvidia[0-9]*") or os.path.exists("/proc/driver/nvidia/version")
                or os.path.exists("/dev/kfd"))


def device(name: str) -> str:
    if name.startswith("cuda") and not cuda_may_exist():
        raise UnusableRequest(msg("--device {name} was asked for, but this machine has no CUDA device (no NVIDIA or "
                                  "ROCm driver); use --device cpu or auto", name=name))
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
            raise UnusableRequest(msg("--fail-under {text!r} is neither points (30) nor a percentage (80%)",
                                      text=text)) from None
        if not value >= 0 or value == float("inf") or (percent and value > 100):
            raise UnusableRequest(msg("--fail-under {text!r} is out of range (points ≥ 0, or 0–100%)", text=text))
        return cls(value, percent)

    def points(self, max_score: float) -> float:
        return self.value / 100 * max_score if self.percent else self.value

    def reachable(self, max_score: float) -> None:
        if not self.percent and self.value > max_score:
            raise UnusableRequest(msg("--fail-under {value:g} is above the {points:g} points these checks can give: "
                                      "every submission would fail", value=self.value, points=max_score))

    def describe(self, max_score: float) -> Message:
        if self.percent:
            return msg("--fail-under {value:g}% of {points:g} = {share:g} points", value=self.value, points=max_score,
                       share=self.points(max_score))
        return msg("--fail-under {value:g} points", value=self.value)


def max_points(rubric: rubrics.Rubric, visibility: str, names: list[str] | None) -> float:
    """The points a grading with these checks can give (what a threshold in points is compared to)."""
    return sum(check.points for task in rubric.tasks if not names or task.name in names
               for check in task.checks if visibility == "all" or check.visibility == visibility)
