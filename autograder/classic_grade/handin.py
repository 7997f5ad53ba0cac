"""What `classic-grade submit` hands in, and where: the student's file, and nbgrader's exchange.

The file: the notebook where `nbgrader fetch_assignment` puts it (``./day19/day19.ipynb``), or
``./day19.ipynb`` / ``./day19.py`` in the working folder, or a path the student names; with two
candidates it refuses to guess (grading the wrong one silently is worse than asking).

The exchange: when nbgrader's configuration (the files `nbgrader submit` reads: ./nbgrader_config.py,
~/.jupyter/nbgrader_config.py, …) names a course (``CourseDirectory.course_id``), the notebook is
handed in through nbgrader's own exchange API, so nbgrader's timestamp, its late policy and the
instructor's `nbgrader collect` apply exactly as after `nbgrader submit`.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


from .messages import msg


class HandInError(Exception):
    """A one-line reason the file could not be found or handed in."""


def candidates(assignment: str, folder: Path) -> list[Path]:
    return [folder / assignment / f"{assignment}.ipynb", folder / f"{assignment}.ipynb", folder / f"{assignment}.py"]


def find_submission(assignment: str, folder: Path, explicit: str | None = None) -> Path:
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise HandInError(msg("{path}: no such file", path=explicit))
        if path.suffix not in (".ipynb", ".py"):
            raise HandInError(msg("{path}: a submission is a notebook (.ipynb) or a Python file (.py)", path=explicit))
        return path
    found = [path for path in candidates(assignment, folder) if path.is_file()]
    if not found:
        looked = ", ".join(str(p.relative_to(folder)) for p in candidates(assignment, folder))
        raise HandInError(msg("no submission for {assignment} in {folder} (looked for {looked})", assignment=assignment,
                              folder=str(folder), looked=looked))
    if len(found) > 1:
        names = " and ".join(str(p.relative_to(folder)) for p in found)
        raise HandInError(msg("found {names}: name the one to submit, e.g. `{command}`", names=names,
                              command=" ".join(["classic-grade submit", assignment, str(found[0].relative_to(folder))])))
    return found[0]


def configured_course():
    """nbgrader's submit application with its configuration loaded as `nbgrader submit` loads it,
    or None when that configuration names no course."""
    try:
        from nbgrader.apps.submitapp import SubmitApp
    except ImportError:  # pragma: no cover - nbgrader is a dependency
        return None
    app = SubmitApp()
    try:
        app.initialize([])
    except SystemExit as stop:
        raise HandInError(msg("nbgrader's configuration could not be loaded (exit {code})", code=stop.code)) from None
    if not app.coursedir.course_id:
        return None
    # What NbGrader.start() sets up before a subcommand runs (start() itself would run `submit`).
    from nbgrader.auth import Authenticator
    from nbgrader.exchange import ExchangeFactory

    app.authenticator = Authenticator(parent=app)
    app.exchange = ExchangeFactory(parent=app)
    return app


def hand_in(app, assignment: str, notebook: Path) -> str:
    """Submit through nbgrader's exchange; return where the submission went."""
    if notebook.suffix != ".ipynb":
        raise HandInError(msg("nbgrader collects notebooks; {file} was only self-checked", file=notebook.name))
    with tempfile.TemporaryDirectory(prefix="classic-grade-handin-") as staging:
        folder = notebook.resolve().parent
        if folder.name != assignment or notebook.stem != assignment:
            # nbgrader hands in the folder named after the assignment, holding the notebook as released.
            folder = Path(staging) / assignment
            folder.mkdir()
            shutil.copy2(notebook, folder / f"{assignment}.ipynb")
        app.coursedir.assignment_id = assignment
        submit = app.exchange.Submit(coursedir=app.coursedir, authenticator=app.authenticator, parent=app)
        submit.assignment_dir = str(folder.parent)
        try:
            submit.start()
        except SystemExit:   # nbgrader's fail(): it has logged why
            raise HandInError(msg("nbgrader could not hand in {assignment} to course {course!r} (see nbgrader's "
                                  "message above)", assignment=assignment, course=app.coursedir.course_id)) from None
        except Exception as error:  # noqa: BLE001 - an exchange error of any kind is one line
            raise HandInError(msg("nbgrader could not hand in {assignment}: {error}", assignment=assignment,
                                  error=str(error))) from None
        return str(Path(submit.inbound_path) / submit.assignment_filename)
