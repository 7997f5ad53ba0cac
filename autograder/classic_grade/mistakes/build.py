"""Build the known-mistakes library from the test corpus (``make mistakes``), or check it is current.

    python -m classic_grade.mistakes.build [--root REPO] [--check]

The source of truth is the corpus: every ``tests/corpus/<day>/wrong/*.py`` entry whose header has a
line ``MISTAKE: <zh-TW name> | <English name>`` becomes a known mistake of its ``TASK``. Entries that
give the same English name make the same mistake in other layouts: the shortest is kept as the
reference, the others are listed as its equivalents. An entry that builds on another (a ``BASE:``
line) is stored with its chain resolved (``classic_grade.overlays``): the overlay the grader runs on
the correct example. Only module tasks take part (their function is
compared by the transplant); a label on another kind of task is an error, as is a malformed label.
Run from a checkout: the installed grader has no tests/ folder and only reads the JSON written here.
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from pathlib import Path

from .. import overlays, rubric
from ..checks.naming import NAMED_KINDS
from ..tasks import specs
from . import library_file

MISTAKE_LINE = re.compile(r"^MISTAKE:[ \t]*(.*)$", re.MULTILINE)
TASK_LINE = re.compile(r"^TASK:[ \t]*(\S+)[ \t]*$", re.MULTILINE)


class LabelError(ValueError):
    """A corpus entry's MISTAKE line cannot be read."""


def entry_label(path: Path) -> tuple[str, str, str] | None:
    """(task, zh-TW name, English name) of a corpus entry, or None when it names no mistake."""
    docstring = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
    found = MISTAKE_LINE.findall(docstring)
    if not found:
        return None
    task = TASK_LINE.findall(docstring)
    if len(found) != 1 or len(task) != 1:
        raise LabelError(f"{path}: needs exactly one 'TASK:' line and at most one 'MISTAKE:' line")
    zh_tw, bar, en = (part.strip() for part in found[0].partition("|"))
    if not (bar and zh_tw and en):
        raise LabelError(f"{path}: the MISTAKE line must read '<zh-TW name> | <English name>'")
    return task[0], zh_tw, en


def library(root: Path, assignment: str) -> dict:
    """The assignment's library, as the JSON object written beside this module."""
    kinds = {name: spec.kind for name, spec in specs(assignment).items()}
    order = [task.name for task in rubric.load(assignment).tasks]
    groups: dict[tuple[str, str], list] = {}
    for path in sorted((root / "tests" / "corpus" / assignment / "wrong").glob("*.py")):
        label = entry_label(path)
        if label is None:
            continue
        task, zh_tw, en = label
        if kinds.get(task) not in NAMED_KINDS:
            raise LabelError(f"{path}: {task!r} is not a module task of {assignment}; only those name mistakes")
        groups.setdefault((task, en), []).append((path, zh_tw))
    mistakes = []
    for (task, en), members in sorted(groups.items(), key=lambda item: (order.index(item[0][0]), item[0][1])):
        names = {zh for _, zh in members}
        if len(names) != 1:
            raise LabelError(f"{assignment}/{task}: entries named {en!r} disagree in zh-TW: {sorted(names)}")
        # The overlay stored is the entry's with its BASE chain followed: what the grader executes on
        # the correct example. The reference is the shortest such overlay (the file alone may be short
        # because it builds on another entry).
        texts = {path: overlays.resolve(path) for path, _ in members}
        if not all(texts[p].on_example for p in texts):
            raise LabelError(f"{assignment}/{task}: a named mistake must overlay the correct example (BASE: none)")
        chosen = min(texts, key=lambda p: (len(texts[p].text), p.stem))
        mistakes.append({"id": chosen.stem, "task": task, "zh-TW": names.pop(), "en": en,
                         "equivalents": sorted(p.stem for p in texts if p != chosen),
                         "overlay": texts[chosen].text})
    return {"assignment": assignment,
            "generated_from": f"tests/corpus/{assignment}/wrong (MISTAKE lines); do not edit, run `make mistakes`",
            "mistakes": mistakes}


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def assignments_with_corpus(root: Path) -> list[str]:
    corpus = root / "tests" / "corpus"
    return [a for a in rubric.assignments() if (corpus / a / "wrong").is_dir()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m classic_grade.mistakes.build", description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository checkout (default: here)")
    parser.add_argument("--check", action="store_true", help="only say whether the library is current")
    options = parser.parse_args(argv)
    stale = []
    try:
        for assignment in assignments_with_corpus(options.root):
            text = render(library(options.root, assignment))
            target = Path(str(library_file(assignment)))
            if target.is_file() and target.read_text("utf-8") == text:
                continue
            stale.append(assignment)
            if not options.check:
                target.write_text(text, "utf-8")
    except (LabelError, overlays.OverlayError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if options.check and stale:
        print(f"the known-mistakes library is stale for {', '.join(stale)}: run `make mistakes`", file=sys.stderr)
        return 1
    print(f"{'stale' if options.check else 'rewrote'}: {', '.join(stale) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
