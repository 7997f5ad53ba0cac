"""`classic-grade validate`: the course materials grade the way they must."""
from __future__ import annotations

import re
from pathlib import Path

from . import loading, overlays
from .grading import Grader

TASK_LINE = re.compile(r"^TASK:\s*(\w+)", re.MULTILINE)


def varied_task(path: Path) -> str | None:
    match = TASK_LINE.search(path.read_text("utf-8", "replace"))
    return match.group(1) if match else None


def overlay(root: Path, assignment: str, entry: Path) -> loading.Submission:
    """A corpus entry as the submission it stands for: the assignment's correct example with the
    entry overlaid, its BASE chain followed (``overlays``)."""
    example = root / "autograder" / "classic_grade" / "examples" / assignment / "correct.py"
    source = overlays.entry_source(entry, example)
    return loading.load_bytes(source.encode("utf-8"), entry)


def validate(root: Path, assignments: list[str], device: str = "cpu", echo=print) -> list[str]:
    problems = []
    with Grader(device) as grader:
        for assignment in assignments:
            solution = root / "solutions" / assignment / f"{assignment}.ipynb"
            stub = root / "assignments" / assignment / f"{assignment}.ipynb"
            for path, want_full in ((solution, True), (stub, False)):
                if not path.is_file():
                    problems.append(f"{path} is missing")
                    continue
                report = grader.grade(path, assignment, "all", reveal_hidden=True)
                echo(f"{path}: {report.score:g}/{report.max_score:g}")
                if want_full and report.score != report.max_score:
                    lost = [f"{t.name}/{c.id}" for t in report.tasks for c in t.checks if not c.passed]
                    problems.append(f"the solution {path} loses points: {', '.join(lost)}")
                if not want_full and report.score != 0:
                    problems.append(f"the released stub {path} scores {report.score:g}, not 0")
            corpus = root / "tests" / "corpus" / assignment
            for path in sorted((corpus / "wrong").glob("*.py")) + sorted((corpus / "correct").glob("*.py")):
                task = varied_task(path)
                try:
                    submission = overlay(root, assignment, path)
                except overlays.OverlayError as error:
                    problems.append(str(error))
                    continue
                report = grader.grade(submission, assignment, "all", tasks=[task] if task else None,
                                      reveal_hidden=True)
                wrong = path.parent.name == "wrong"
                echo(f"{path.relative_to(root)} [{task}]: {report.score:g}/{report.max_score:g}")
                if wrong and report.score == report.max_score:
                    problems.append(f"known-wrong {path.name} scores full marks on {task}")
                if not wrong and report.score != report.max_score:
                    problems.append(f"correct variant {path.name} loses points on {task}")
    return problems
