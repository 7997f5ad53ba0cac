"""Keeping student code out of the grading process: a zygote, its workers, and the channel."""
from .pool import Limits, StudentError, Worker, WorkerLost, Zygote

__all__ = ["Limits", "StudentError", "Worker", "WorkerLost", "Zygote"]
