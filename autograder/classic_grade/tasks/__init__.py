"""Task specifications per assignment, keyed by the task names the course fixes (see ARCHITECTURE.md)."""
from __future__ import annotations

import importlib


def specs(assignment: str) -> dict:
    return importlib.import_module(f"{__name__}.{assignment}").TASKS


def forbidden_names(assignment: str) -> tuple[str, ...]:
    """Library objects that would hand an assignment's tasks over (``package.module.Name``); inside
    the sandbox they raise, and the report names the cause "forbidden import". An assignment lists
    them as FORBIDDEN_NAMES in its module; the answer key itself (classic_grade, classic_cnn, timm)
    is never importable there."""
    return tuple(getattr(importlib.import_module(f"{__name__}.{assignment}"), "FORBIDDEN_NAMES", ()))
