"""classic-grade: a sandboxed, deterministic, property-based autograder for classic CNNs.

The engine is imported lazily so that `classic_grade.sandbox` can start the torch-warm zygote
before the grading process pays for its own torch import.
"""
__all__ = ["Grader", "Report", "grade"]
__version__ = "0.1.0"


def __getattr__(name):
    if name in __all__:
        from . import grading
        return getattr(grading, name)
    raise AttributeError(f"module 'classic_grade' has no attribute {name!r}")
