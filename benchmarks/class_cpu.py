"""CPU per submission of a class graded on one grader, with the checks' replayed draws against
hypothesis drawing for every check (``properties.for_all``), in alternating rounds of one run.

    .venv/bin/python benchmarks/class_cpu.py [--assignments day19 ...] [--count 40] [--rounds 2]

The class is the assignment's first ``--count`` corpus entries rendered over the correct example
(the overlays the corpus tests grade). CPU is the machine's busy time from /proc/stat over the
round (the grader, its zygote and its workers together: run it on an otherwise idle machine);
wall is the round's own. Every round must give every submission the same score: the replay is
meant to change the cost, never a grade.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from classic_grade.checks import properties
from classic_grade.grading import Grader
from classic_grade.validation import overlay

ROOT = Path(__file__).resolve().parents[1]


def busy_seconds() -> float:
    """The machine's busy CPU time so far (user, nice, system, irq, softirq, steal)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / 100.0   # minus idle and iowait; USER_HZ is 100


def grade_round(grader: Grader, assignment: str, submissions: list, replay: bool) -> tuple[float, float, list]:
    real_replay = properties._replay
    if not replay:
        properties._replay = lambda configs, examples: None
    properties._drawn.clear()              # each round starts from nothing recorded
    try:
        cpu, wall = busy_seconds(), time.perf_counter()
        scores = [grader.grade(s, assignment, "all").score for s in submissions]
        return (busy_seconds() - cpu) / len(submissions), (time.perf_counter() - wall) / len(submissions), scores
    finally:
        properties._replay = real_replay


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignments", nargs="+", default=["day19"])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with Grader("cpu") as grader:
        grader.zygote.ready()
        for assignment in args.assignments:
            entries = sorted((ROOT / "tests" / "corpus" / assignment).glob("*/*.py"))[:args.count]
            submissions = [overlay(ROOT, assignment, entry) for entry in entries]
            grader.grade(ROOT / "autograder" / "classic_grade" / "examples" / assignment / "correct.py",
                         assignment, "all")  # the reference cache warm for both modes alike
            figures = {True: [], False: []}
            scores = {}
            for _ in range(args.rounds):
                for replay in (False, True):   # alternating, so a drifting machine weighs on both
                    cpu, wall, got = grade_round(grader, assignment, submissions, replay)
                    figures[replay].append((cpu, wall))
                    scores.setdefault(replay, got)
                    if got != scores[replay] or got != scores.get(not replay, got):
                        raise SystemExit(f"{assignment}: the scores changed between rounds: the replay changed a grade")
            for replay in (False, True):
                cpus = ", ".join(f"{cpu:.3f}" for cpu, _ in figures[replay])
                walls = ", ".join(f"{wall:.3f}" for _, wall in figures[replay])
                print(f"{assignment} {'replayed draws' if replay else 'drawn per check'}: CPU {cpus} s and wall "
                      f"{walls} s per submission ({len(submissions)} submissions per round)")
            off = sum(c for c, _ in figures[False]) / args.rounds
            on = sum(c for c, _ in figures[True]) / args.rounds
            print(f"{assignment} replayed / drawn per check, CPU: {on / off:.2f}× (same scores in every round)")


if __name__ == "__main__":
    main()
