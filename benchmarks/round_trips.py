"""Where a grading run's time goes: round trips to the worker, per task and check.

    python benchmarks/round_trips.py autograder/classic_grade/examples/day19/correct.py -a day19 [--profile N]

Prints, per check, how many requests it sent to its worker, the time spent waiting on them and the
check's whole time; with --profile, the N most expensive functions of the grading process
(cProfile, cumulative). The zygote's start is paid before the clock starts.
"""
from __future__ import annotations

import argparse
import cProfile
import collections
import os
import pstats
import time

from classic_grade import grading
from classic_grade.sandbox import pool


JOB_CPU: dict = collections.Counter()   # task -> CPU seconds of its jobs
WORKER_CPU = [0.0]   # CPU seconds of the jobs' processes, read just before each job is killed


def _process_cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:13]) / os.sysconf("SC_CLK_TCK")   # utime stime


def cpu_seconds(zygote_pid: int) -> float:
    """CPU time of this process, the zygote and every job (read from its cgroup before it is
    killed): what a grading costs whatever else the machine runs."""
    own = os.times()
    return own.user + own.system + _process_cpu(zygote_pid) + WORKER_CPU[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("-a", "--assignment", required=True)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    parser.add_argument("--repeat", type=int, default=1,
                        help="grade it N times with one grader; the last is reported (a batch's steady state)")
    args = parser.parse_args()

    current = ["(load)"]
    trips: dict = collections.defaultdict(lambda: [0, 0.0, 0.0])  # check -> [requests, seconds waiting, check s]
    ops: dict = collections.Counter()
    request = pool.Worker.request
    run_check = grading.Grader._run_check

    def counted_request(self, header, *rest, **kwargs):
        started = time.perf_counter()
        try:
            return request(self, header, *rest, **kwargs)
        finally:
            entry = trips[current[0]]
            entry[0] += 1
            entry[1] += time.perf_counter() - started
            ops[header.get("op")] += 1

    def named_check(self, ctx, spec, check, *rest):
        current[0] = f"{ctx.task}/{check.id}"
        started = time.perf_counter()
        try:
            return run_check(self, ctx, spec, check, *rest)
        finally:
            trips[current[0]][2] += time.perf_counter() - started

    kill = pool.Worker.kill

    def counted_kill(self):
        if self.alive and self.cgroup is not None:
            spent = sum(_process_cpu(pid) for pid in self.cgroup.pids())
            WORKER_CPU[0] += spent
            JOB_CPU[current[0].partition("/")[0]] += spent
        kill(self)

    pool.Worker.kill = counted_kill
    pool.Worker.request = counted_request
    grading.Grader._run_check = named_check
    with grading.Grader("cpu") as grader:
        grader.zygote.ready()
        for _ in range(args.repeat - 1):
            first = time.perf_counter()
            grader.grade(args.path, args.assignment, visibility="all")
            print(f"an earlier grading: {time.perf_counter() - first:.2f} s")
        trips.clear()
        ops.clear()
        JOB_CPU.clear()
        profiler = cProfile.Profile() if args.profile else None
        cpu = cpu_seconds(grader.zygote.process.pid)
        own, jobs = os.times(), WORKER_CPU[0]
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        report = grader.grade(args.path, args.assignment, visibility="all")
        if profiler:
            profiler.disable()
        total = time.perf_counter() - started
        time.sleep(0.5)   # the last jobs reaped
        cpu = cpu_seconds(grader.zygote.process.pid) - cpu
        own = os.times().user + os.times().system - own.user - own.system
        jobs = WORKER_CPU[0] - jobs
    print(f"{'check':<42} {'requests':>8} {'waiting s':>10} {'check s':>8}")
    for name, (count, waiting, whole) in sorted(trips.items(), key=lambda item: -item[1][2]):
        print(f"{name:<42} {count:>8} {waiting:>10.2f} {whole:>8.2f}")
    count = sum(v[0] for v in trips.values())
    waiting = sum(v[1] for v in trips.values())
    print(f"{'total':<42} {count:>8} {waiting:>10.2f} {total:>8.2f}   score {report.score:g}/{report.max_score:g}")
    print("requests by op:", dict(ops))
    print(f"CPU time: {cpu:.2f} s (grader {own:.2f} s, jobs {jobs:.2f} s, zygote {cpu - own - jobs:.2f} s); "
          f"wall {total:.2f} s")
    print("jobs' CPU seconds by task:", {task: round(spent, 2) for task, spent in JOB_CPU.items()})
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
