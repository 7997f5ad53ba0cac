"""Grading a whole class: sources → an executor of warm graders → a store keyed by content →
per-student and per-class outputs. ``classic-grade batch`` is a thin shell over ``run_batch``."""
from .executor import Executor, GraderFailure, GraderStartError, Job, LocalPool, grade_job, open_grader
from .run import run_batch
from .sources import Class, Handin, Roster, SourceError, collect
from .store import GradeOptions, OutputBusy, Store

__all__ = ["Class", "Executor", "GradeOptions", "GraderFailure", "GraderStartError", "Handin", "Job", "LocalPool",
           "OutputBusy", "Roster", "SourceError", "Store", "collect", "grade_job", "open_grader", "run_batch"]
