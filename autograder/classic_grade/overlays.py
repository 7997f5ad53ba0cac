"""A corpus entry (tests/corpus, tests/adversarial, the known-mistakes library's sources) as the text it
stands for: its overlay on the assignment's correct example, with ``BASE:`` chains resolved.

An entry is an overlay (``loading.overlay_source``): the base, a blank line, then the entry, so that
later definitions win, as in a kernel. Its header may carry one line ``BASE: <what it overlays>``:

- absent, or ``correct``: the assignment's correct example (the usual case);
- ``none``: nothing; the entry is the whole submission;
- a path such as ``correct/bottleneck_split_expansion_halves.py``, relative to the corpus's folder for
  the assignment (``tests/corpus/<day>/``, ``tests/adversarial/<day>/``): another entry, itself
  resolved first. The entry then holds only what differs from that one (a subclass that overrides one
  method, a changed helper), instead of a copy of it with one line changed.

Chains may be as long as needed; a loop, a missing base or a path outside the folder is an
``OverlayError`` with a one-line message. Every caller that turns an entry into a submission (the
corpus tests, ``classic-grade validate``, ``python -m classic_grade.mistakes.build``, the benchmarks,
the adversarial corpus) goes through ``resolve`` so that the header means the same everywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .loading import overlay_source

# A header line, in a docstring or (where the header cannot be a docstring) a comment.
BASE_LINE = re.compile(r"^(?:#\s*)?BASE:[ \t]*(\S*)[ \t]*$", re.MULTILINE)
HEADER_CHARS = 4000          # the header is read from the file's start, as the adversarial corpus reads it
EXAMPLE, NOTHING = "correct", "none"
KIND_FOLDERS = ("wrong", "correct")   # tests/corpus/<day>/<kind>/; tests/adversarial/<day>/ has none


class OverlayError(ValueError):
    """An entry's BASE line cannot be followed."""


@dataclass(frozen=True)
class Overlay:
    on_example: bool         # False: the chain ends in ``BASE: none`` (a whole submission)
    text: str                # the chain's texts, each overlaid on the one before

    def source(self, example: str) -> str:
        """The submission's text, given the assignment's correct example."""
        return overlay_source(example, self.text) if self.on_example else self.text


def base_of(text: str, where: Path) -> str:
    found = BASE_LINE.findall(text[:HEADER_CHARS])
    if len(found) > 1:
        raise OverlayError(f"{where}: more than one BASE line")
    return found[0] if found else EXAMPLE


def folder_of(entry: Path) -> Path:
    """The corpus's folder for the entry's assignment, against which BASE paths are read."""
    return entry.parent.parent if entry.parent.name in KIND_FOLDERS else entry.parent


def resolve(entry: Path, folder: Path | None = None) -> Overlay:
    """``entry``'s overlay with its BASE chain followed; ``folder`` (by default ``folder_of(entry)``)
    is the corpus's folder for the assignment, against which BASE paths are read."""
    folder = (folder or folder_of(entry)).resolve()
    chain, path = [], entry.resolve()
    while True:
        if path in chain:
            loop = " -> ".join(p.name for p in [*chain, path])
            raise OverlayError(f"{entry}: BASE lines loop: {loop}")
        if not path.is_file():
            raise OverlayError(f"{chain[-1] if chain else entry}: its BASE {path} is not a file")
        chain.append(path)
        base = base_of(path.read_text("utf-8"), path)
        if base in (EXAMPLE, NOTHING):
            break
        path = (folder / base).resolve()
        if not path.is_relative_to(folder):
            raise OverlayError(f"{chain[-1]}: BASE {base} is outside {folder}")
    text = None
    for layer in reversed(chain):
        own = layer.read_text("utf-8")
        text = own if text is None else overlay_source(text, own)
    return Overlay(base == EXAMPLE, text)


def entry_source(entry: Path, example: Path) -> str:
    """The submission ``entry`` stands for, ``example`` being the assignment's correct example."""
    return resolve(entry).source(example.read_text("utf-8"))
