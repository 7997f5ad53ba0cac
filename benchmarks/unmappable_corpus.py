"""How many corpus variants the weight mapping cannot handle: runs only the same-function check, on
one drawn configuration, of each corpus file's varied task, and counts the files where it could not
be carried out (NoMapping).

    PYTHONPATH=autograder:reference python benchmarks/unmappable_corpus.py [--day day19 ...] [--kind correct]

A corpus file is an overlay on the assignment's correct example (tests/corpus/<day>/<kind>/*.py):
the graded source is the example, a blank line, then the file (classic_grade.overlays, which also
follows a BASE line). Whole-file variants overlay it completely. Counting tasks have no mapping and are skipped. Prints one line per unmappable file and a
summary per day and kind.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "autograder" / "classic_grade" / "examples"
CORPUS = ROOT / "tests" / "corpus"
TASK_LINE = re.compile(r"^TASK: (\S+)$", re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", action="append", help="assignment (repeatable; default: every corpus day)")
    parser.add_argument("--kind", choices=("correct", "wrong"), action="append")
    parser.add_argument("--examples", type=int, default=1, help="drawn configurations per module task")
    options = parser.parse_args()

    from classic_grade import Grader, loading
    from classic_grade.checks.context import TaskContext
    from classic_grade.checks.outcome import CheckFailed, NoMapping
    from classic_grade.grading import CHECKS_BY_KIND
    from classic_grade.overlays import entry_source
    from classic_grade.sandbox import WorkerLost
    from classic_grade.tasks import forbidden_names, specs as task_specs

    days = options.day or sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    kinds = options.kind or ["correct", "wrong"]
    totals = {}
    with Grader("cpu") as grader:
        for day in days:
            specs = task_specs(day)
            for kind in kinds:
                files = sorted((CORPUS / day / kind).glob("*.py"))
                unmappable = graded = 0
                for path in files:
                    text = path.read_text("utf-8")
                    task = TASK_LINE.findall(text)[0]
                    spec = specs[task]
                    if spec.kind == "function":
                        continue
                    graded += 1
                    source = entry_source(path, EXAMPLES / day / "correct.py")
                    submission = loading.load_bytes(source.encode("utf-8"), path)
                    ctx = TaskContext(grader.zygote, submission, task, grader.device, grader.limits, day,
                                      forbidden_names(day))
                    started = time.perf_counter()
                    verdict = "pass"
                    try:
                        CHECKS_BY_KIND[spec.kind]["same_function"](ctx, spec, options.examples)
                    except NoMapping as reason:
                        verdict = f"UNMAPPABLE ({reason})"
                        unmappable += 1
                    except (CheckFailed, WorkerLost):
                        verdict = "fail"
                    finally:
                        ctx.close()
                    line = f"{day}/{kind}/{path.stem} [{task}]: {verdict} ({time.perf_counter() - started:.1f} s)"
                    print(line[:300], flush=True)
                totals[(day, kind)] = (unmappable, graded)
    for (day, kind), (unmappable, graded) in totals.items():
        print(f"{day} {kind}: {unmappable} unmappable of {graded} graded (same_function, "
              f"{options.examples} configuration(s))")
    print(f"total: {sum(u for u, _ in totals.values())} unmappable of {sum(g for _, g in totals.values())}")


if __name__ == "__main__":
    main()
