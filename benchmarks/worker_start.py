"""Worker start-up: a fork of the torch-warm zygote versus a fresh interpreter importing torch.

    .venv/bin/python benchmarks/worker_start.py [repeats]

Prints the median of each and their ratio, measured in the same run.
"""
import statistics
import subprocess
import sys
import time

from classic_grade.sandbox import Limits, Zygote


def fresh_interpreter() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch; torch.zeros(1)"], check=True)
    return time.perf_counter() - started


def forked_worker(zygote: Zygote) -> float:
    started = time.perf_counter()
    worker = zygote.fork("cpu", Limits())
    worker.request({"op": "load", "source": "import torch\nx = torch.zeros(1)"})
    worker.close()
    return time.perf_counter() - started


def main(repeats: int) -> None:
    started = time.perf_counter()
    zygote = Zygote()
    zygote.ready()
    print(f"zygote start (torch import, once per grading run): {time.perf_counter() - started:.2f} s")
    forks = [forked_worker(zygote) for _ in range(repeats)]
    fresh = [fresh_interpreter() for _ in range(max(3, repeats // 10))]
    zygote.close()
    fork_ms, fresh_ms = statistics.median(forks) * 1e3, statistics.median(fresh) * 1e3
    print(f"forked worker, fork + load:       median {fork_ms:8.1f} ms over {len(forks)}")
    print(f"fresh interpreter + import torch: median {fresh_ms:8.1f} ms over {len(fresh)}")
    print(f"ratio fresh / forked: {fresh_ms / fork_ms:.0f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
