"""How fast this machine is, printed beside a benchmark's figures so that runs on different machines
can be compared: the same code gave a day19 batch marginal cost of 1.3 s per submission per core on
one session's machine and 2.2 s on another's (2 Dec 2026), whose torch import took twice as long.

    .venv/bin/python benchmarks/machine.py

- a 10-million-step Python loop (the interpreter's speed: the grader's own work);
- ``import torch`` in a fresh interpreter, median of three (what every cold grader and zygote pays);
- fork and exit of a process holding 300 MiB of touched memory (the kernel's share of every
  sandboxed job, which forks the zygote three times).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time


def python_loop() -> float:
    started = time.perf_counter()
    for _ in range(10_000_000):
        pass
    return time.perf_counter() - started


def torch_import() -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import torch"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fork_exit(mib: int = 300, rounds: int = 9) -> float:
    held = bytearray(mib << 20)
    for offset in range(0, len(held), 4096):   # touched: the child's page tables have to be copied
        held[offset] = 1
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def yardstick() -> str:
    return (f"machine: Python 10M-step loop {python_loop():.2f} s, import torch {torch_import():.2f} s, "
            f"fork+exit of 300 MiB {fork_exit() * 1000:.0f} ms, {os.cpu_count()} cores, "
            f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    print(yardstick())
