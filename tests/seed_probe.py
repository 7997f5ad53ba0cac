"""Grade the corpus under other seeds: which entries' verdicts hang on what the draws meet.

Every check draws from one pinned seed (``checks/properties.py``), so a wrong entry that the draws
happen to catch, or a correct one whose unusual layout they happen to avoid, passes the suite and
would turn the other way under any other draws. This grades each entry's own task (a wrong one
stopped at its first failure, as the corpus tests do) with ``properties.SEED`` replaced, in this
process only, and lists the entries graded otherwise than labelled. A listed entry needs an
``always`` case in its task's strategy, and a line in ``tests/test_seed_independence.py``:

    PYTHONPATH=autograder:reference:tests python tests/seed_probe.py --seeds 1 2 3 [--assignments day22]

About two minutes per seed for the whole corpus on two cores.
"""
from __future__ import annotations

import argparse
import sys


def graded_against_label(grader, entry):
    """The entry's own task as the corpus tests grade it (a wrong entry stopped at its first failure),
    and whether that grade is what its label says: below full marks when wrong, full when correct."""
    task = grader.grade(entry.submission(), entry.assignment, "all", tasks=[entry.task], reveal_hidden=True,
                        stop_at_first_failure=entry.kind == "wrong").tasks[0]
    return task, (task.score < task.max_score) == (entry.kind == "wrong")


def main(argv=None) -> int:
    from classic_grade.checks import properties
    from classic_grade.grading import Grader
    from corpus_support import corpora

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", required=True)
    parser.add_argument("--assignments", nargs="*", help="default: every corpus")
    options = parser.parse_args(argv)
    pinned, hinging = properties.SEED, []
    with Grader("cpu") as grader:
        for seed in options.seeds:
            properties.SEED = seed
            for corpus in corpora():
                if options.assignments and corpus.assignment not in options.assignments:
                    continue
                for entry in corpus.entries("wrong") + corpus.entries("correct"):
                    task, as_labelled = graded_against_label(grader, entry)
                    if not as_labelled:
                        hinging.append(f"seed {seed}: {corpus.assignment} {entry.key} scored "
                                       f"{task.score:g}/{task.max_score:g}")
                        print(hinging[-1], flush=True)
    properties.SEED = pinned
    print(f"{len(hinging)} verdicts changed with the seed" if hinging else "no verdict changed with the seed")
    return 1 if hinging else 0


if __name__ == "__main__":
    sys.exit(main())
