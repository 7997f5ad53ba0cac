"""classic-grade: a sandboxed, deterministic, property-based autograder for classic CNNs."""
from .grading import Grader, Report, grade

__all__ = ["Grader", "Report", "grade"]
__version__ = "0.1.0"
