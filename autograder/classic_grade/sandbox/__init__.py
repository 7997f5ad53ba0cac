"""Keeping student code out of the grading process: a zygote, its workers, and the channel."""
from .pool import Limits, SpawnLost, StudentError, Worker, WorkerLost, Zygote

__all__ = ["Limits", "SpawnLost", "StudentError", "Worker", "WorkerLost", "Zygote"]
