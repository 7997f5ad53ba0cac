"""What a class costs on the local pool: throughput with 1 and with 2 graders, and the marginal cost
of one more submission, on the in-repo corpus variants rendered as notebooks (one code cell per
top-level statement), all in one run so machine load hits every configuration alike.

    .venv/bin/python benchmarks/batch_throughput.py [--assignment day19] [--count 40] [--workers 1 2]
                                                    [--task NAME ...] [--public]

Marginal cost per submission per core = (last completion − first completion) / (n − 1) × workers:
the pool's start (zygotes, torch imports, canaries) is left out, as it is paid once per batch.
"""
import argparse
import ast
import tempfile
import time
from pathlib import Path

import nbformat

from classic_grade.batch import GradeOptions, LocalPool, collect, run_batch

ROOT = Path(__file__).resolve().parents[1]


def as_notebook(source: Path, target: Path) -> None:
    text = source.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    cells = []
    for node in ast.parse(text).body:
        start = node.decorator_list[0].lineno if getattr(node, "decorator_list", None) else node.lineno
        cells.append(nbformat.v4.new_code_cell("".join(lines[start - 1:node.end_lineno]).rstrip()))
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(target))


def class_folder(assignment: str, count: int, folder: Path) -> int:
    variants = sorted((ROOT / "tests" / "corpus" / assignment).glob("*/*.py"))
    variants += sorted((ROOT / "autograder" / "classic_grade" / "examples" / assignment).glob("*.py"))
    for index in range(count):
        source = variants[index % len(variants)]
        as_notebook(source, folder / f"s{index:03d}_{source.stem[:30]}.ipynb")
    return count


class Clock:
    def __init__(self):
        self.done = []

    def start(self, total, reused):
        self.started = time.perf_counter()

    def advance(self, record):
        self.done.append(time.perf_counter())

    def finish(self):
        pass


def measure(folder: Path, options: GradeOptions, workers: int) -> dict:
    clock = Clock()
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        with LocalPool(options, workers) as pool:
            summary = run_batch(collect([str(folder)], options.assignment), options, out, executor=pool,
                                regrade=True, progress=clock)
        wall = time.perf_counter() - started
    n = len(clock.done)
    marginal = (clock.done[-1] - clock.done[0]) / (n - 1) * workers if n > 1 else float("nan")
    return {"workers": workers, "n": n, "wall": wall, "first": clock.done[0] - started if n else float("nan"),
            "steady_rate": (n - 1) / (clock.done[-1] - clock.done[0]) if n > 1 else float("nan"),
            "marginal_per_core": marginal, "grader_errors": summary["counts"]["grader_errors"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignment", default="day19")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--task", action="append", default=[])
    parser.add_argument("--public", action="store_true", help="public checks only (default: --all)")
    args = parser.parse_args()
    options = GradeOptions(args.assignment, "public" if args.public else "all", tuple(args.task))
    with tempfile.TemporaryDirectory() as folder:
        class_folder(args.assignment, args.count, Path(folder))
        results = [measure(Path(folder), options, workers) for workers in args.workers]
    print(f"{args.count} {args.assignment} notebooks, checks: {options.visibility}, tasks: {', '.join(options.tasks) or 'all'}")
    for r in results:
        print(f"workers {r['workers']}: wall {r['wall']:7.1f} s, first result after {r['first']:5.1f} s, "
              f"steady {r['steady_rate'] * 60:6.1f} submissions/min, marginal {r['marginal_per_core']:5.2f} s "
              f"per submission per core, grader errors {r['grader_errors']}")
    if len(results) > 1:
        base = results[0]
        for r in results[1:]:
            print(f"throughput ratio workers {r['workers']} / workers {base['workers']}: "
                  f"{r['steady_rate'] / base['steady_rate']:.2f}× steady, {base['wall'] / r['wall']:.2f}× wall")


if __name__ == "__main__":
    main()
