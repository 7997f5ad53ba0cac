"""What the sandbox costs: per-job set-up (fork + sandbox + first request) and a whole day19 --all
grading, sandboxed (the backend the self-check picks) against the unsandboxed engine, in one run.

    .venv/bin/python benchmarks/sandbox_overhead.py [SUBMISSION] [--repeats N]

Written against the backend choice the hardening adds: ``Zygote(sandbox=...)`` and
``Grader(..., sandbox=...)`` with ``"auto"`` (the best backend that passes the self-check) and
``"unsandboxed"`` (the plain forked worker with rlimits). Both engines are measured in this process,
alternating, so machine load hits both alike. Each engine grades once before the clock starts: the
grading process's reference cache, shared by both, fills on the first grading of all, which would
otherwise be charged to whichever engine went first (3.15 s against 1.02 s, a bogus 3.1×, on 2 Dec
2026, where warm gradings took 1.06 s and 0.98 s).
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

from classic_grade import Grader
from classic_grade.sandbox import Limits, Zygote

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ("auto", "unsandboxed")


def start_zygote(sandbox: str) -> Zygote:
    try:
        zygote = Zygote(sandbox=sandbox)
    except TypeError:
        sys.exit("this checkout's Zygote has no sandbox= choice yet: merge the sandbox hardening first")
    zygote.ready()
    return zygote


def job_setup(zygote: Zygote) -> float:
    """Fork one job (namespaces, mounts, uid drop, seccomp, cgroup: whatever the backend does) and
    answer its first request."""
    started = time.perf_counter()
    worker = zygote.fork("cpu", Limits())
    worker.request({"op": "load", "source": "import torch\nx = torch.zeros(1)"})
    elapsed = time.perf_counter() - started
    worker.close()
    return elapsed


def whole_grading(grader: Grader, submission: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    report = grader.grade(submission, "day19", "all", reveal_hidden=True)
    sandbox = report.environment.get("sandbox")
    backend = sandbox.get("backend", "?") if isinstance(sandbox, dict) else str(sandbox)
    return time.perf_counter() - started, report.score, backend


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submission", nargs="?", type=Path, default=ROOT / "solutions" / "day19" / "day19.ipynb")
    parser.add_argument("--repeats", type=int, default=30, help="job set-ups timed per engine")
    parser.add_argument("--gradings", type=int, default=4, help="whole gradings timed per engine")
    args = parser.parse_args()
    zygotes = {engine: start_zygote(engine) for engine in ENGINES}
    try:
        setups = {engine: [] for engine in ENGINES}
        for _ in range(args.repeats):             # interleaved: load drifts hit both engines
            for engine in ENGINES:
                setups[engine].append(job_setup(zygotes[engine]))
        graders = {engine: Grader("cpu", zygote=zygotes[engine]) for engine in ENGINES}
        for engine in ENGINES:                    # untimed: fills the shared reference cache
            whole_grading(graders[engine], args.submission)
        gradings = {engine: [] for engine in ENGINES}
        for _ in range(args.gradings):
            for engine in ENGINES:
                gradings[engine].append(whole_grading(graders[engine], args.submission))
    finally:
        for zygote in zygotes.values():
            zygote.close()
    print(f"submission: {args.submission}")
    seconds = {engine: statistics.median(g[0] for g in gradings[engine]) for engine in ENGINES}
    for engine in ENGINES:
        _, score, backend = gradings[engine][-1]
        print(f"{engine:12} backend {backend:12} job set-up median {statistics.median(setups[engine]) * 1e3:7.1f} ms "
              f"(p90 {statistics.quantiles(setups[engine], n=10)[-1] * 1e3:7.1f} ms, n={args.repeats}); "
              f"day19 --all median {seconds[engine]:6.2f} s of {args.gradings}, score {score:g}")
    sandboxed, plain = ENGINES
    print(f"ratio sandboxed / unsandboxed: job set-up "
          f"{statistics.median(setups[sandboxed]) / statistics.median(setups[plain]):.2f}×, "
          f"whole grading {seconds[sandboxed] / seconds[plain]:.2f}×")
    if {g[1] for g in gradings[sandboxed]} != {g[1] for g in gradings[plain]}:
        print("WARNING: the two engines gave different scores; the sandbox changes a grade")


if __name__ == "__main__":
    main()
