"""The Gradescope autograder bundle: a zip of setup.sh, run_autograder and requirements.txt.

Gradescope builds an image with setup.sh once, then runs run_autograder for every submission; it
grades the submission with `classic-grade grade --all --format gradescope`, which writes
results.json. The scripts are package data (templates/gradescope/) with the assignment and the
grading options filled in.
"""
from __future__ import annotations

import shlex
import stat
import zipfile
from importlib import resources
from pathlib import Path

from . import __version__

TEMPLATES = "templates/gradescope"
EXECUTABLE = 0o755 << 16 | stat.S_IFREG << 16   # zip's external attributes for an executable file


def _template(name: str) -> str:
    return (resources.files("classic_grade") / TEMPLATES / name).read_text("utf-8")


def requirement(package: str | None) -> tuple[str, Path | None]:
    """The requirements.txt line, and the wheel to ship in the zip when the package is one."""
    if package is None:
        return f"classic-grade=={__version__}", None
    path = Path(package)
    if path.suffix == ".whl":
        if not path.is_file():
            raise FileNotFoundError(f"{package}: no such wheel")
        return f"/autograder/source/{path.name}", path
    return package, None


def build(assignment: str, output: Path, package: str | None = None, device: str = "cpu",
          allow_unsandboxed: bool = False) -> list[str]:
    """Write the bundle; return the names it holds."""
    line, wheel = requirement(package)
    options = ["--device", device] + (["--allow-unsandboxed"] if allow_unsandboxed else [])
    run = (_template("run_autograder").replace("{{ASSIGNMENT}}", assignment)
           .replace("{{GRADE_OPTIONS}}", shlex.join(options)))
    files = {"setup.sh": _template("setup.sh"), "run_autograder": run, "requirements.txt": line + "\n"}
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, text in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = EXECUTABLE if name != "requirements.txt" else 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, text)
        if wheel is not None:
            bundle.write(wheel, wheel.name)
    return sorted(files) + ([wheel.name] if wheel else [])
