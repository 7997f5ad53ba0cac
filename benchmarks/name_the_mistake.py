"""How well the grader names known mistakes, measured on the corpora.

    PYTHONPATH=autograder:reference python benchmarks/name_the_mistake.py [--day day19 ...]
                                       [--kind wrong|correct] [--only STEM ...] [--json OUT]
                                       [--unmappable] [--seconds S]

For every wrong entry of a module task (tests/corpus/<day>/wrong/*.py, an overlay on the correct
example), the task's function check is run as the grader runs it (``same_function``), and when it
fails on a drawn configuration the grader's naming step is run (``checks/naming.py``). The verdict:

- right: it names the entry's own mistake, or one that the library lists under the same name (the
  entry's ``MISTAKE:`` line);
- wrong: it names another mistake (for an entry without a MISTAKE line, naming anything is wrong);
- none: it names nothing, with the reason (the function check passed, could not map the tensors,
  no mistake agreed, budget).

Every correct entry of a module task must be named nothing. Through the grader it never is tried
(its function check passes), so the benchmark *forces* the naming step on it, with its first drawn
configuration standing for a failing one. Without a failure to anchor it, naming has to show by
comparison that the submission differs from the reference on one of the compared configurations
(``naming.computes``, ``failed_there=False``): the forced run exercises every comparison the grader
makes and that last one, on every known mistake of the task.

Counting and network tasks do not name mistakes (their entries are counted as "not tried").

Measured on the corpora (a loaded 2-core machine, the grader's 30 s budget; wrong entries of module
tasks, of which "labelled" carry a MISTAKE line):

    day    module entries  labelled  right  wrong  none   (none but labelled: all unmappable)
    day19        18           14        9      0      9     5
    day20        29           25       13      0     16    12
    day21        22           17        8      0     14     9
    day22        35           32       21      0     14    11
    day23        27           26       13      0     14    13
    all         131          114       64      0     67    50

Every labelled entry whose tensors the reference can map is named, and named right; no entry is
named wrong. The 17 unlabelled entries that are not named compute the reference's function (in-place
updates, detached paths, unused layers: other checks catch them). With ``--unmappable`` (the grader
skips an unmappable layout), 44 of the 52 unmappable entries (50 of them labelled) are named, all
right. Correct entries of module tasks, forced: 47, none named.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from classic_grade import mistakes as library  # noqa: E402
from classic_grade.checks import modules, naming  # noqa: E402
from classic_grade.checks.context import TaskContext  # noqa: E402
from classic_grade.checks.outcome import CheckFailed, NoMapping  # noqa: E402
from classic_grade.checks.properties import for_all  # noqa: E402
from classic_grade.grading import Grader  # noqa: E402
from classic_grade.mistakes.build import entry_label  # noqa: E402
from classic_grade.sandbox import WorkerLost  # noqa: E402
from classic_grade.tasks import forbidden_names, specs  # noqa: E402
from classic_grade.tasks.spec import examples_for  # noqa: E402
from classic_grade.validation import overlay, varied_task  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def first_config(spec) -> dict:
    drawn = []
    for_all(spec.configs, 1, drawn.append)
    return drawn[0]


def measure(grader: Grader, assignment: str, path: Path, force: bool = False, unmappable: bool = False,
            seconds: float = naming.SECONDS) -> dict:
    """One entry's verdict: {entry, task, expected, named, verdict, reason, seconds}. ``force``: name
    even when the function check passed; ``unmappable``: even when it could not map the tensors (the
    grader does neither), with the first drawn configuration standing for a failing one."""
    task = varied_task(path)
    spec = specs(assignment)[task]
    label = entry_label(path)
    row = {"entry": f"{assignment}/{path.parent.name}/{path.stem}", "task": task,
           "expected": label[2] if label else None, "named": None, "reason": "", "seconds": 0.0}
    if spec.kind not in naming.NAMED_KINDS:
        return dict(row, verdict="not tried", reason=f"a {spec.kind} task")
    started = time.perf_counter()
    ctx = TaskContext(grader.zygote, overlay(ROOT, assignment, path), task, grader.device, grader.limits,
                      assignment, forbidden_names(assignment))
    try:
        failing, failed_there = None, False
        try:
            modules.check_same_function(ctx, spec, examples_for(spec, "same_function"))
            row["reason"] = "its function check passed"
        except CheckFailed as failure:
            failing = failure.example if isinstance(failure.example, dict) else None
            failed_there = failing is not None
            row["reason"] = "no known mistake agreed" if failing else "failed without a drawn case"
        except NoMapping:
            row["reason"] = "unmappable: not tried"
            if unmappable:
                failing = first_config(spec)   # not a failure there (unmappable): failed_there stays False
                row["reason"] = "unmappable, tried: no known mistake agreed"
        if force and failing is None:
            failing = first_config(spec)
            row["reason"] = "forced: no known mistake agreed"
        if failing is not None:
            mistake = naming.name_the_mistake(ctx, spec, assignment, failing, seconds, failed_there=failed_there)
            if mistake is not None:
                row["named"] = mistake.en
                row["named_id"] = mistake.id
    except WorkerLost as lost:
        row["reason"] = f"worker lost: {lost.cause}"
    finally:
        ctx.close()
    row["seconds"] = round(time.perf_counter() - started, 2)
    if row["named"] is None:
        row["verdict"] = "none"
    else:
        row["verdict"] = "right" if row["named"] == row["expected"] else "wrong"
        row["reason"] = ""
    return row


def entries(days, kinds, only):
    for day in days:
        for kind in kinds:
            for path in sorted((CORPUS / day / kind).glob("*.py")):
                if not only or path.stem in only:
                    yield day, kind, path


def summary(rows: list[dict]) -> list[str]:
    lines = [f"{'day':6} {'kind':8} {'entries':>7} {'labelled':>8} {'tried':>5} {'right':>5} {'wrong':>5} "
             f"{'none':>5} {'s/entry':>7}"]
    groups: dict[tuple, list] = {}
    for row in rows:
        day, kind = row["entry"].split("/")[:2]
        groups.setdefault((day, kind), []).append(row)
    for (day, kind), group in sorted(groups.items()):
        count = Counter(r["verdict"] for r in group)
        tried = [r for r in group if r["verdict"] != "not tried"]
        seconds = sum(r["seconds"] for r in tried) / max(len(tried), 1)
        lines.append(f"{day:6} {kind:8} {len(group):7} {sum(r['expected'] is not None for r in group):8} "
                     f"{len(tried):5} {count['right']:5} {count['wrong']:5} {count['none']:5} {seconds:7.1f}")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", action="append", help="assignment (repeatable; default: every corpus day)")
    parser.add_argument("--kind", choices=("wrong", "correct"), action="append")
    parser.add_argument("--only", action="append", help="entry stem (repeatable)")
    parser.add_argument("--json", type=Path, help="write every entry's verdict here")
    parser.add_argument("--seconds", type=float, default=naming.SECONDS,
                        help=f"naming budget per entry (the grader's: {naming.SECONDS:g} s; more on a loaded machine)")
    parser.add_argument("--unmappable", action="store_true",
                        help="also try entries whose tensors the reference cannot map (the grader does not)")
    options = parser.parse_args(argv)
    days = options.day or sorted(p.name for p in CORPUS.iterdir() if library.known(p.name))
    rows = []
    with Grader("cpu") as grader:
        for day, kind, path in entries(days, options.kind or ["wrong", "correct"], options.only):
            row = measure(grader, day, path, force=kind == "correct", unmappable=options.unmappable,
                          seconds=options.seconds)
            rows.append(row)
            named = f" named {row.get('named_id')!r}" if row["named"] else ""
            print(f"{row['verdict']:9} {row['entry']}{named} {row['reason']} ({row['seconds']:.1f} s)", flush=True)
    print("\n".join(summary(rows)))
    if options.json:
        options.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", "utf-8")
    correct_named = [r for r in rows if "/correct/" in r["entry"] and r["named"]]
    return 1 if correct_named else 0


if __name__ == "__main__":
    sys.exit(main())
