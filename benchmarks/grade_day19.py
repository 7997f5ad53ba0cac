"""A whole day19 --all grading from a cold start, split into its parts, against a per-task fresh
interpreter (what a grader without the zygote pays).

    .venv/bin/python benchmarks/grade_day19.py [SUBMISSION]
"""
import sys
import time
from pathlib import Path

started = time.perf_counter()
from classic_grade import Grader  # noqa: E402  (timed: the grader's own imports)

imported = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]


def main(path: Path) -> None:
    with Grader("cpu") as grader:
        grader.zygote.ready()  # the zygote starts without waiting; wait here to time it apart
        zygote_ready = time.perf_counter()
        report = grader.grade(path, "day19", "all", reveal_hidden=True)
    done = time.perf_counter()
    print(f"submission: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"score {report.score:g}/{report.max_score:g}")
    print(f"grader imports:          {imported - started:6.2f} s")
    print(f"zygote start (torch):    {zygote_ready - imported:6.2f} s  (import inside it {grader.zygote.import_seconds:.2f} s)")
    print(f"checks:                  {report.elapsed_s:6.2f} s")
    print(f"total, cold:             {done - started:6.2f} s")
    print(f"{'task':16} {'checks':>6} {'examples':>8} {'workers':>7} {'seconds':>8}")
    for task in report.tasks:
        print(f"{task.name:16} {len(task.checks):6} {task.examples:8} {task.workers:7} {task.elapsed_s:8.2f}")
    workers = sum(t.workers for t in report.tasks)
    print(f"a fresh interpreter per worker would add about {workers} × {grader.zygote.import_seconds:.1f} s = "
          f"{workers * grader.zygote.import_seconds:.1f} s of torch imports "
          f"({(workers * grader.zygote.import_seconds + report.elapsed_s) / report.elapsed_s:.1f}× the checks' time)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "solutions" / "day19" / "day19.ipynb")
