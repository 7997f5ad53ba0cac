"""Task specifications per assignment, keyed by the task names of COURSE.md."""
from __future__ import annotations

import importlib


def specs(assignment: str) -> dict:
    return importlib.import_module(f"{__name__}.{assignment}").TASKS
