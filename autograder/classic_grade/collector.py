"""Python's cyclic garbage collector and the engine's start: off while torch is imported, then
the objects of the import frozen out of its sight.

Importing the engine creates a few hundred thousand objects (torch's, torchvision's, the zoo's)
that live as long as the process. Left on, the collector walks them again and again while they
are being created (the engine's import took 1.98 s with it, 1.28 s without), and every full
collection afterwards walks them once more (the 46 day19 corpus tests spent 1.59 s in 14 full
collections; 0.17 s once the engine's objects were frozen). Neither finds anything to free. Used by
the processes that grade (the CLI, a batch's graders, nbgrader's autograde, the test suite's
session grader), never in a student's kernel, whose objects are the student's. The zygote does the
same for its own import (sandbox/zygote_main.py, which imports nothing of the grader).
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def engine_start() -> Iterator[None]:
    """Run the engine's imports with the collector off; freeze what exists when they are done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
