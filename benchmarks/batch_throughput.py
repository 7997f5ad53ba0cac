"""What a class costs, against the issue's targets, in one run on the same notebooks.

    .venv/bin/python benchmarks/batch_throughput.py [--count 40] [--assignments day19 day20]
                                                    [--workers 1 2] [--nbgrader-students 3] [--task NAME ...]

The class: ``--count`` notebooks per assignment, each the released nbgrader notebook with its first
answer cell holding one in-repo corpus variant rendered over the correct example (the overlay the
corpus tests grade; ``classic_grade.validation.overlay``) and the other answer cells left empty,
put in an nbgrader course (``submitted/{student}/{assignment}/``) built in a temp dir. Measured:

- batch marginal cost per submission per core, per assignment: (last completion − first
  completion) / (n − 1) × workers, so the pool's start (zygotes, canaries) is left out;
- ``batch --workers 2`` against ``--workers 1`` (steady-state throughput, first assignment);
- ``nbgrader autograde`` of ``--nbgrader-students`` of the same notebooks spread evenly over the
  class (all of them would take an hour: its per-student time is measured on that sample and
  extrapolated; the class is sorted correct variants first, so the first few would be all correct
  while the batch's figure is the whole class's mix), against
  the batch's time per student at the most workers: once with nbgrader's own preprocessors (each
  check cell grades in the student's kernel: the issue's baseline), once with the course's
  nbgrader_config.py (classic-grade's preprocessors: one sandbox grading per student);
- a cold ``classic-grade grade`` of the correct example (new process: imports, zygote, canary).

Every figure depends on the machine and on what else it runs: quote them with the first line printed
(benchmarks/machine.py: the interpreter's speed, torch's import, a fork, the load average).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from classic_grade.batch import GradeOptions, LocalPool, collect, run_batch
from classic_grade.validation import overlay
from machine import yardstick   # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"day19": 1.5, "day20": 5.0}   # marginal seconds per submission per core (issue 13)


def variants(assignment: str) -> list[Path]:
    return sorted((ROOT / "tests" / "corpus" / assignment).glob("*/*.py"))


def as_course_notebook(released, source: str):
    """The released notebook with ``source`` as its first answer and its other answers empty."""
    notebook = nbformat.from_dict(released)
    answers = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution")]
    for index, cell in enumerate(answers):
        cell.source = source if index == 0 else ""
    return notebook


def environment(home: Path) -> dict:
    env = dict(os.environ, HOME=str(home))
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference")])
    return env


def nbgrader(args: list[str], course: Path, timeout: int = 7200) -> float:
    beside = Path(sys.executable).with_name("nbgrader")
    command = [str(beside)] if beside.exists() else [sys.executable, "-m", "nbgrader"]
    started = time.perf_counter()
    proc = subprocess.run([*command, *args, "--CourseDirectory.course_id=bench"], cwd=course,
                          env=environment(course.parent / "home"), capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - started


# The two autogrades measured on the same notebooks. The 20x is against the first: nbgrader
# as it comes, where each test cell's check_task grades its task in the student's kernel (45-76 s
# per student when the target was set). The second is this repository's nbgrader_config.py: the
# kernel only runs the notebook and the sandbox grades it once (nbgrader_plugin.py), the same
# engine as the batch, so that ratio is bounded by the kernel's own run of the notebook.
STOCK = "nbgrader's own preprocessors (check cells grade in the student's kernel)"
PLUGIN = "classic-grade's preprocessors (nbgrader_config.py: one sandbox grading per student)"
PLUGIN_MARKER = "from classic_grade.nbgrader_plugin import autograde_preprocessors"


def without_plugin(config: Path) -> None:
    """The course's nbgrader_config.py with nbgrader's own autograde preprocessors."""
    text = config.read_text("utf-8")
    if PLUGIN_MARKER not in text:
        raise SystemExit(f"{config} no longer enables the plugin with {PLUGIN_MARKER!r}: update the benchmark")
    config.write_text(text[:text.index(PLUGIN_MARKER)], "utf-8")


def course(assignment: str, count: int, top: Path) -> Path:
    """An nbgrader course whose submitted/ holds the class; the released notebook generated by nbgrader."""
    root = top / f"course-{assignment}"
    (root / "solutions").mkdir(parents=True)
    (top / "home").mkdir(exist_ok=True)
    shutil.copytree(ROOT / "solutions" / assignment, root / "solutions" / assignment)
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    nbgrader(["generate_assignment", assignment], root)
    released = nbformat.read(str(root / "assignments" / assignment / f"{assignment}.ipynb"), as_version=4)
    entries = variants(assignment)
    for index in range(count):
        entry = entries[index % len(entries)]
        folder = root / "submitted" / f"s{index:03d}-{entry.parent.name}-{entry.stem[:24]}".replace("_", "-") / assignment
        folder.mkdir(parents=True)
        notebook = as_course_notebook(released, overlay(ROOT, assignment, entry).source)
        nbformat.write(notebook, str(folder / f"{assignment}.ipynb"))
        (folder / "timestamp.txt").write_text("2026-01-01 00:00:00 UTC")
    return root


def unsampled(folders: list[Path], n: int) -> list[Path]:
    """The students left out of nbgrader's sample: the sample takes every (len / n)-th, from the first."""
    chosen = {folders[round(i * len(folders) / n)] for i in range(min(n, len(folders)))}
    return [f for f in folders if f not in chosen]


class Clock:
    def __init__(self):
        self.done = []

    def start(self, total, reused):
        self.started = time.perf_counter()

    def advance(self, record):
        self.done.append(time.perf_counter())

    def finish(self):
        pass


def measure(root: Path, options: GradeOptions, workers: int) -> dict:
    clock = Clock()
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        with LocalPool(options, workers) as pool:
            summary = run_batch(collect([], options.assignment, nbgrader_root=root), options, out, executor=pool,
                                regrade=True, progress=clock)
        wall = time.perf_counter() - started
    n = len(clock.done)
    span = clock.done[-1] - clock.done[0] if n > 1 else float("nan")
    return {"workers": workers, "n": n, "wall": wall, "first": clock.done[0] - started if n else float("nan"),
            "steady_rate": (n - 1) / span, "per_student": span / (n - 1), "marginal_per_core": span / (n - 1) * workers,
            "grader_errors": summary["counts"]["grader_errors"]}


def cold_grade(assignment: str) -> float:
    command = [str(Path(sys.executable).with_name("classic-grade")), "grade",
               str(ROOT / "autograder" / "classic_grade" / "examples" / assignment / "correct.py"),
               "-a", assignment, "--all", "--format", "json"]
    started = time.perf_counter()
    subprocess.run(command, env=environment(Path.home()), check=True, capture_output=True, timeout=900)
    return time.perf_counter() - started


class Lines(list):
    """Each figure printed as soon as it is measured: a long run that is cut short keeps them."""

    def append(self, line: str) -> None:
        super().append(line)
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assignments", nargs="+", default=["day19", "day20"])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--nbgrader-students", type=int, default=3, help="0: leave nbgrader out")
    parser.add_argument("--task", action="append", default=[])
    args = parser.parse_args()
    lines = Lines()
    lines.append(yardstick())   # the machine's own speed: figures from two machines differ by ~2x
    with tempfile.TemporaryDirectory() as top:
        batches = {}
        for position, assignment in enumerate(args.assignments):
            root = course(assignment, args.count, Path(top))
            options = GradeOptions(assignment, "all", tuple(args.task))
            workers = args.workers if position == 0 else [max(args.workers)]
            batches[assignment] = [measure(root, options, n) for n in workers]
            for r in batches[assignment]:
                lines.append(f"{assignment} batch --workers {r['workers']}: {r['n']} notebooks in {r['wall']:.1f} s "
                             f"(first after {r['first']:.1f} s), steady {r['steady_rate'] * 60:.1f}/min, marginal "
                             f"{r['marginal_per_core']:.2f} s per submission per core (target ≤ "
                             f"{TARGETS.get(assignment, float('nan')):g} s), grader errors {r['grader_errors']}")
        first = batches[args.assignments[0]]
        if len(first) > 1:
            lines.append(f"{args.assignments[0]} throughput --workers {first[-1]['workers']} / --workers "
                         f"{first[0]['workers']}: {first[-1]['steady_rate'] / first[0]['steady_rate']:.2f}× "
                         "(target ≥ 1.7× on 2 cores)")
        if args.nbgrader_students:
            assignment = args.assignments[0]
            batch = first[-1]["per_student"]
            for stock in (True, False):
                subset = Path(top) / f"nbgrader-{assignment}-{'stock' if stock else 'plugin'}"
                shutil.copytree(Path(top) / f"course-{assignment}", subset)
                for folder in unsampled(sorted((subset / "submitted").iterdir()), args.nbgrader_students):
                    shutil.rmtree(folder)
                if stock:
                    without_plugin(subset / "nbgrader_config.py")
                per_student = nbgrader(["autograde", assignment], subset) / args.nbgrader_students
                how = (STOCK if stock else PLUGIN)
                lines.append(f"{assignment} nbgrader autograde, {how}: {per_student:.1f} s per student "
                             f"({args.nbgrader_students} notebooks spread over the class, extrapolated); batch --workers "
                             f"{first[-1]['workers']}: {batch:.2f} s per student: {per_student / batch:.1f}×"
                             + (" (target ≥ 20×)" if stock else ""))
    cold = cold_grade(args.assignments[0])
    lines.append(f"cold classic-grade grade {args.assignments[0]} correct.py --all: {cold:.1f} s (target ≤ 8 s); "
                 f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
